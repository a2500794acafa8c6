package io.sluice.egress.call;

import io.sluice.egress.breaker.BreakerSettings;

/**
 * Why one backend call did not give the client an answer. Retriable failures move the request
 * to the next member of its pool, as long as nothing has reached the client yet.
 *
 * @param status        the backend's HTTP status, or 0 when it gave none
 * @param retryAfterMs  what the backend asked for in Retry-After (or retry-after-ms), or 0
 * @param retryAfter    the backend's Retry-After header as sent, for a pass-through
 * @param body          the backend's error body, for a pass-through, or null
 */
public record AttemptFailure(Kind kind, int status, long retryAfterMs, String retryAfter, byte[] body,
        String detail) {

    /** The kinds of failure, with the outcome name the usage event shows. */
    public enum Kind {
        RATE_LIMITED("rate_limited", true),
        SERVER_ERROR("server_error", true),
        CONNECTION("connection_error", true),
        TIMEOUT("timeout", true),
        CLIENT_ERROR("client_error", false),
        MALFORMED("malformed", false),
        STREAM_BROKEN("stream_broken", false);

        private final String outcome;
        private final boolean retriable;

        Kind(String outcome, boolean retriable) {
            this.outcome = outcome;
            this.retriable = retriable;
        }

        public String outcome() {
            return outcome;
        }
    }

    public static AttemptFailure status(int status, long retryAfterMs, String retryAfter, byte[] body) {
        Kind kind = status == 429 ? Kind.RATE_LIMITED : status >= 500 ? Kind.SERVER_ERROR : Kind.CLIENT_ERROR;
        return new AttemptFailure(kind, status, retryAfterMs, retryAfter, body, "HTTP " + status
                + (retryAfterMs > 0 ? " (Retry-After " + Math.max(1, retryAfterMs / 1_000) + " s)" : ""));
    }

    public static AttemptFailure of(Kind kind, String detail) {
        return new AttemptFailure(kind, 0, 0, null, null, detail);
    }

    /** May the request move on to another member after this? */
    public boolean retriable() {
        return kind.retriable;
    }

    /** Does this failure count against the backend's circuit breaker? */
    public boolean countsFor(BreakerSettings settings) {
        return switch (kind) {
            case CONNECTION, TIMEOUT -> true;
            case RATE_LIMITED, SERVER_ERROR, CLIENT_ERROR -> settings.countsStatus(status);
            case STREAM_BROKEN -> true;
            case MALFORMED -> false;
        };
    }
}
