package io.sluice.processors.quota;

import io.sluice.records.ApiError;
import io.sluice.records.governance.GovernanceErrors;
import io.sluice.records.governance.Limits;
import io.sluice.records.governance.TokenQuota;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides whether one request fits a counter's limits, and what the rate-limit headers say. A
 * request is admitted only when its whole reservation fits, so admitted tokens never exceed a
 * limit; spent quotas are checked first, since retrying does not help there.
 */
final class Limiter {

    static final long MINUTE_MS = 60_000;

    private Limiter() {
    }

    /**
     * @param state   the counter rolled to the current minute and quota period
     * @param reserve tokens the request may consume
     * @param error   null when admitted
     * @param headers the x-ratelimit-* headers for the client's response
     */
    record Decision(CounterState state, ApiError error, Map<String, String> headers) {
        boolean admitted() {
            return error == null;
        }
    }

    static Decision decide(Limits limits, CounterState state, long reserve, Instant now) {
        long retryAfter = Math.max(1, (state.minuteStart() + MINUTE_MS - now.toEpochMilli() + 999) / 1000);
        ApiError error = null;
        TokenQuota quota = limits.tokenQuota();
        Long rpm = limits.requestsPerMinute();
        Long tpm = limits.tokensPerMinute();
        Long parallel = limits.maxParallel();
        if (quota != null && state.periodTokens() + reserve > quota.tokens()) {
            error = GovernanceErrors.quotaExceeded(quota.period(), quota.tokens(), state.periodTokens(), reserve,
                    quota.period().end(now));
        } else if (rpm != null && state.minuteRequests() + 1 > rpm) {
            error = GovernanceErrors.rateLimited("the request", rpm, 1, retryAfter);
        } else if (tpm != null && reserve > tpm) {
            error = GovernanceErrors.requestTooLarge(tpm, reserve);
        } else if (tpm != null && state.minuteTokens() + reserve > tpm) {
            error = GovernanceErrors.rateLimited("the token", tpm, reserve, retryAfter);
        } else if (parallel != null && state.inFlight() + 1 > parallel) {
            error = GovernanceErrors.tooManyParallel(parallel);
        }
        CounterState after = error == null ? state.admit(reserve) : state;
        return new Decision(after, error, headers(limits, after, retryAfter));
    }

    /** OpenAI's rate-limit headers, for the limits that are set; resets as a duration ("17s"). */
    static Map<String, String> headers(Limits limits, CounterState s, long resetSeconds) {
        Map<String, String> h = new LinkedHashMap<>();
        if (limits.tokensPerMinute() != null) {
            h.put("x-ratelimit-limit-tokens", Long.toString(limits.tokensPerMinute()));
            h.put("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, limits.tokensPerMinute()
                    - s.minuteTokens())));
            h.put("x-ratelimit-reset-tokens", resetSeconds + "s");
        }
        if (limits.requestsPerMinute() != null) {
            h.put("x-ratelimit-limit-requests", Long.toString(limits.requestsPerMinute()));
            h.put("x-ratelimit-remaining-requests", Long.toString(Math.max(0, limits.requestsPerMinute()
                    - s.minuteRequests())));
            h.put("x-ratelimit-reset-requests", resetSeconds + "s");
        }
        return h;
    }
}
