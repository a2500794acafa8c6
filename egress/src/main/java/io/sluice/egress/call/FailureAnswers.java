package io.sluice.egress.call;

import io.sluice.records.ApiError;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyKind;
import io.sluice.records.ReplyRecord;
import io.sluice.records.UsageEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a client gets when its request ends without an answer from its backends. */
final class FailureAnswers {
    private FailureAnswers() {
    }

    /** Does the backend's own answer reach the client as it was (its 4xx, with Retry-After)? */
    static boolean passesThrough(AttemptFailure f) {
        return f.kind() == AttemptFailure.Kind.RATE_LIMITED || f.kind() == AttemptFailure.Kind.CLIENT_ERROR;
    }

    /** Any other failure of the backend {@code id}, as a 502 naming it. */
    static ApiError backendError(AttemptFailure f, String id) {
        return switch (f.kind()) {
            case SERVER_ERROR -> ApiError.backendError("backend '" + id + "' answered HTTP " + f.status());
            case MALFORMED -> ApiError.backendError("backend '" + id + "' returned a body that is not valid JSON");
            case STREAM_BROKEN -> ApiError.backendError("backend '" + id + "' closed the stream before it ended");
            default -> ApiError.backendError("could not get an answer from backend '" + id + "' (" + f.detail()
                    + ")");
        };
    }

    /** A backend's own 4xx with its status and body (an OpenAI error, or wrapped into one). */
    static ReplyRecord passThrough(PromptRecord prompt, AttemptFailure f) {
        byte[] errorBody = f.body();
        if (errorCode(f) == null) {
            errorBody = new ApiError(f.status(), "invalid_request_error", "backend_error",
                    "The model backend rejected the request with HTTP " + f.status() + ".", null, 0).toJsonBytes();
        }
        Map<String, String> headers = new LinkedHashMap<>(prompt.responseHeaders());
        if (f.retryAfter() != null) {
            headers.put("retry-after", f.retryAfter());
        }
        return new ReplyRecord(prompt.requestId(), ReplyKind.ERROR, f.status(), 0, headers, errorBody);
    }

    /** The error code of a passed-through answer, or null when its body is not an OpenAI error. */
    static String errorCode(AttemptFailure f) {
        try {
            return ApiError.fromJson(f.status(), f.body()).code();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code detail; tried a (HTTP 429), b (connection error)} for a 503 message. */
    static String tried(String detail, List<UsageEvent.Attempt> attempts) {
        StringBuilder why = new StringBuilder(detail);
        for (int i = 0; i < attempts.size(); i++) {
            UsageEvent.Attempt a = attempts.get(i);
            why.append(i == 0 ? "; tried " : ", ").append(a.backend()).append(" (")
                    .append(a.status() > 0 ? "HTTP " + a.status() : a.outcome().replace('_', ' ')).append(')');
        }
        return why.toString();
    }
}
