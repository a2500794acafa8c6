package io.sluice.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An error as a client sees it: an HTTP status and an OpenAI-shaped body
 * {@code {"error":{"message","type","param","code"}}}. Messages say what to do about it and
 * never carry a secret.
 *
 * @param retryAfterSeconds value of the Retry-After header, or 0 for none
 */
public record ApiError(int status, String type, String code, String message, String param, long retryAfterSeconds) {

    public ApiError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx, not " + status);
        }
    }

    public static ApiError invalidRequest(String param, String message) {
        return new ApiError(400, "invalid_request_error", "invalid_request", message, param, 0);
    }

    public static ApiError invalidJson(String detail) {
        return new ApiError(400, "invalid_request_error", "invalid_json",
                "The request body is not valid JSON (" + detail + "). Send a JSON object.", null, 0);
    }

    public static ApiError missingKey() {
        return new ApiError(401, "invalid_request_error", "missing_api_key",
                "No API key provided. Send it as 'Authorization: Bearer <key>' or in the 'api-key' header.", null, 0);
    }

    public static ApiError invalidKey() {
        return new ApiError(401, "invalid_request_error", "invalid_api_key",
                "Incorrect API key provided. Check the key, or ask your gateway administrator for one.", null, 0);
    }

    public static ApiError modelNotFound(String model) {
        return new ApiError(404, "invalid_request_error", "model_not_found",
                "The model '" + model + "' does not exist or you do not have access to it. "
                        + "GET /v1/models lists the models this gateway serves.", "model", 0);
    }

    public static ApiError deploymentNotFound(String deployment) {
        return new ApiError(404, "invalid_request_error", "DeploymentNotFound",
                "The API deployment '" + deployment + "' does not exist on this gateway.", null, 0);
    }

    public static ApiError notFound(String path) {
        return new ApiError(404, "invalid_request_error", "not_found",
                "Unknown path " + path + ". See the README for the endpoints this gateway serves.", null, 0);
    }

    public static ApiError methodNotAllowed(String method, String path) {
        return new ApiError(405, "invalid_request_error", "method_not_allowed",
                method + " is not allowed on " + path + ".", null, 0);
    }

    public static ApiError payloadTooLarge(long limitBytes) {
        return new ApiError(413, "invalid_request_error", "request_too_large",
                "The request body is larger than this gateway accepts (" + limitBytes + " bytes).", null, 0);
    }

    public static ApiError unsupportedMediaType() {
        return new ApiError(415, "invalid_request_error", "unsupported_media_type",
                "Send the request body as JSON with 'Content-Type: application/json'.", null, 0);
    }

    public static ApiError overloaded(long retryAfterSeconds) {
        return new ApiError(503, "server_error", "gateway_overloaded",
                "The gateway has too many requests in flight. Retry after " + retryAfterSeconds + " s.",
                null, retryAfterSeconds);
    }

    public static ApiError kafkaUnavailable(long retryAfterSeconds) {
        return new ApiError(503, "server_error", "gateway_unavailable",
                "The gateway could not queue the request. Retry after " + retryAfterSeconds + " s.",
                null, retryAfterSeconds);
    }

    public static ApiError backendError(String detail) {
        return new ApiError(502, "server_error", "backend_error",
                "The model backend failed: " + detail + ". Retry the request; if it persists, "
                        + "ask your gateway administrator to check the backend.", null, 0);
    }

    /** No backend of a pool could answer now (all failed, tripped or at capacity). */
    public static ApiError backendsUnavailable(String model, String detail, long retryAfterSeconds) {
        return new ApiError(503, "server_error", "backends_unavailable",
                "No backend of model '" + model + "' can answer right now (" + detail + "). Retry after "
                        + retryAfterSeconds + " s.", null, retryAfterSeconds);
    }

    public static ApiError deadlineExceeded(long timeoutMs) {
        return new ApiError(504, "server_error", "timeout",
                "The request did not finish within its deadline (" + timeoutMs + " ms). "
                        + "Retry, or allow more time with the x-sluice-timeout-ms header.", null, 0);
    }

    public static ApiError internal(String requestId) {
        return new ApiError(500, "server_error", "internal_error",
                "The gateway failed to process the request. Quote request id " + requestId
                        + " to your gateway administrator.", null, 0);
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode err = root.putObject("error");
        err.put("message", message);
        err.put("type", type);
        err.put("param", param);
        err.put("code", code);
        return root;
    }

    public byte[] toJsonBytes() {
        return Json.toBytes(toJson());
    }

    /** Reads an error body back (for tests and tools); status and Retry-After come from elsewhere. */
    public static ApiError fromJson(int status, byte[] body) {
        try {
            var err = Json.MAPPER.readTree(body).path("error");
            return new ApiError(status, err.path("type").asText("server_error"),
                    err.path("code").isNull() ? null : err.path("code").asText(null),
                    err.path("message").asText(""), err.path("param").isNull() ? null : err.path("param").asText(null),
                    0);
        } catch (java.io.IOException e) {
            throw new MalformedRecordException("not an OpenAI error body");
        }
    }
}
