package io.sluice.records.governance;

import io.sluice.records.ApiError;
import java.time.Instant;

/** The errors a client gets from token governance: refused keys, spent limits and budgets. */
public final class GovernanceErrors {

    private GovernanceErrors() {
    }

    public static ApiError keyRevoked() {
        return new ApiError(401, "invalid_request_error", "api_key_revoked",
                "This API key was revoked. Ask your gateway administrator for a new key.", null, 0);
    }

    public static ApiError keyExpired() {
        return new ApiError(401, "invalid_request_error", "api_key_expired",
                "This API key was rotated and its grace period is over. Use the new key.", null, 0);
    }

    public static ApiError subscriptionSuspended(String subscriptionId) {
        return new ApiError(403, "permission_error", "subscription_suspended",
                "Subscription '" + subscriptionId + "' is suspended. Ask your gateway administrator to "
                        + "reactivate it.", null, 0);
    }

    public static ApiError subscriptionGone(String subscriptionId) {
        return new ApiError(403, "permission_error", "subscription_not_found",
                "Subscription '" + subscriptionId + "' no longer exists. Ask your gateway administrator.", null, 0);
    }

    public static ApiError modelNotAllowed(String model, String subscriptionId) {
        return new ApiError(403, "permission_error", "model_not_allowed",
                "Subscription '" + subscriptionId + "' may not use the model '" + model
                        + "'. GET /v1/models lists the models it may use.", "model", 0);
    }

    /** Over a per-minute limit; the window admits the request again after {@code retryAfterSeconds}. */
    public static ApiError rateLimited(String what, long limit, long needed, long retryAfterSeconds) {
        return new ApiError(429, "requests", "rate_limit_exceeded",
                "Rate limit reached: " + what + " limit is " + limit + " per minute, and this request needs "
                        + needed + " more. Retry after " + retryAfterSeconds + " s.", null, retryAfterSeconds);
    }

    /** The request alone needs more tokens than the per-minute limit: no retry can succeed. */
    public static ApiError requestTooLarge(long limit, long needed) {
        return new ApiError(429, "tokens", "rate_limit_exceeded",
                "Request too large: it needs up to " + needed + " tokens (prompt plus max_tokens), more than the "
                        + "limit of " + limit + " tokens per minute. Lower max_tokens or shorten the prompt.",
                null, 0);
    }

    public static ApiError tooManyParallel(long limit) {
        return new ApiError(429, "requests", "rate_limit_exceeded",
                "Too many requests in flight: at most " + limit + " at once. Retry when one of them finishes.",
                null, 1);
    }

    public static ApiError quotaExceeded(Period period, long quota, long used, long needed, Instant resets) {
        long left = Math.max(0, quota - used);
        return new ApiError(403, "insufficient_quota", "quota_exceeded",
                "The " + period.adjective() + " token quota of " + quota + " tokens is spent (" + left
                        + " left, this request needs up to " + needed + "). It resets at " + resets
                        + ". Lower max_tokens, or ask your gateway administrator for more quota.", null, 0);
    }

    public static ApiError budgetExceeded(Period period, String budgetUsd, String spentUsd, Instant resets) {
        return new ApiError(403, "insufficient_quota", "budget_exceeded",
                "The " + period.adjective() + " budget of " + budgetUsd + " USD is spent (" + spentUsd
                        + " USD used). It resets at " + resets
                        + ". Ask your gateway administrator to raise the budget.", null, 0);
    }
}
