package io.sluice.ingress.governance;

import io.sluice.records.ApiError;

/** Errors of the governance admin endpoints, OpenAI-shaped, naming what to fix. */
final class AdminErrors {
    private AdminErrors() {
    }

    static ApiError badField(String field, String problem) {
        return ApiError.invalidRequest(field, field + " " + problem + ".");
    }

    static ApiError unknownSubscription(String id) {
        return new ApiError(404, "invalid_request_error", "subscription_not_found",
                "No subscription '" + id + "'. GET /admin/subscriptions lists them.", null, 0);
    }

    static ApiError unknownKey(String subscriptionId, String keyId) {
        return new ApiError(404, "invalid_request_error", "api_key_not_found",
                "Subscription '" + subscriptionId + "' has no key '" + keyId + "'. GET /admin/subscriptions/"
                        + subscriptionId + "/keys lists them.", null, 0);
    }

    static ApiError conflict(String code, String message) {
        return new ApiError(409, "invalid_request_error", code, message, null, 0);
    }

    static ApiError unavailable(String detail) {
        return new ApiError(503, "server_error", "config_unavailable",
                "The change could not be stored in Kafka (" + detail + "). Retry; nothing was changed unless a "
                        + "GET shows it.", null, 1);
    }
}
