package io.sluice.simulator.openai;

/** An OpenAI-shaped error answer: HTTP status plus the {@code error} object's fields. */
public record ApiError(int status, String message, String type, String param, String code) {

    public static final String INVALID_REQUEST = "invalid_request_error";

    public static ApiError invalidJson(String detail) {
        return new ApiError(400, "We could not parse the JSON body of your request: " + detail
                + ". The OpenAI API expects a JSON payload.", INVALID_REQUEST, null, "invalid_json");
    }

    public static ApiError invalidParam(String param, String message) {
        return new ApiError(400, message, INVALID_REQUEST, param, "invalid_value");
    }

    public static ApiError missingParam(String param) {
        return new ApiError(400, "Missing required parameter: '" + param + "'.", INVALID_REQUEST, param,
                "missing_required_parameter");
    }

    public static ApiError modelNotFound(String model) {
        return new ApiError(404, "The model '" + model + "' does not exist or you do not have access to it.",
                INVALID_REQUEST, null, "model_not_found");
    }

    public static ApiError invalidApiKey(String message) {
        return new ApiError(401, message, INVALID_REQUEST, null, "invalid_api_key");
    }

    public static ApiError unknownUrl(String method, String path) {
        return new ApiError(404, "Invalid URL (" + method + " " + path + ")", INVALID_REQUEST, null, "unknown_url");
    }

    public static ApiError methodNotAllowed(String method, String path) {
        return new ApiError(405, "Method " + method + " is not allowed for " + path, INVALID_REQUEST, null,
                "method_not_allowed");
    }

    public static ApiError missingApiVersion() {
        return new ApiError(404, "Resource not found: Azure OpenAI paths require the api-version query parameter.",
                INVALID_REQUEST, "api-version", "resource_not_found");
    }

    /** The error a STATUS fault answers with, typed the way OpenAI types that status. */
    public static ApiError simulatedStatus(int status) {
        String message = "Simulated fault: HTTP " + status + ".";
        return switch (status) {
            case 401 -> new ApiError(status, message, INVALID_REQUEST, null, "invalid_api_key");
            case 403 -> new ApiError(status, message, "permission_error", null, "permission_denied");
            case 404 -> new ApiError(status, message, INVALID_REQUEST, null, "not_found");
            case 408 -> new ApiError(status, message, "timeout_error", null, "timeout");
            case 429 -> new ApiError(status, "Simulated fault: rate limit reached. Please try again later.",
                    "requests", null, "rate_limit_exceeded");
            case 500 -> new ApiError(status, message, "server_error", null, "internal_error");
            case 502 -> new ApiError(status, message, "server_error", null, "bad_gateway");
            case 503 -> new ApiError(status, message, "server_error", null, "service_unavailable");
            case 504 -> new ApiError(status, message, "server_error", null, "gateway_timeout");
            default -> new ApiError(status, message, status >= 500 ? "server_error" : INVALID_REQUEST, null, null);
        };
    }

    /** The body: {@code {"error":{"message":..,"type":..,"param":..,"code":..}}}. */
    public String toJson() {
        return "{\"error\":{\"message\":" + JsonText.quote(message)
                + ",\"type\":" + JsonText.quoteOrNull(type)
                + ",\"param\":" + JsonText.quoteOrNull(param)
                + ",\"code\":" + JsonText.quoteOrNull(code) + "}}";
    }
}
