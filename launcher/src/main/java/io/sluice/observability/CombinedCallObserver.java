package io.sluice.observability;

import io.sluice.egress.observe.AttemptWatch;
import io.sluice.egress.observe.CallObserver;
import io.sluice.records.PromptRecord;
import java.util.HashMap;
import java.util.Map;

/** Two call observers as one (metrics and spans). */
final class CombinedCallObserver implements CallObserver {

    private final CallObserver first;
    private final CallObserver second;

    private CombinedCallObserver(CallObserver first, CallObserver second) {
        this.first = first;
        this.second = second;
    }

    static CallObserver of(CallObserver first, CallObserver second) {
        if (first == CallObserver.NONE) {
            return second;
        }
        return second == CallObserver.NONE ? first : new CombinedCallObserver(first, second);
    }

    @Override
    public AttemptWatch attemptStarted(PromptRecord prompt, String backend, int attempt) {
        AttemptWatch a = first.attemptStarted(prompt, backend, attempt);
        AttemptWatch b = second.attemptStarted(prompt, backend, attempt);
        if (a == AttemptWatch.NONE) {
            return b;
        }
        if (b == AttemptWatch.NONE) {
            return a;
        }
        return new AttemptWatch() {
            @Override
            public Map<String, String> outgoingHeaders() {
                Map<String, String> h = new HashMap<>(a.outgoingHeaders());
                h.putAll(b.outgoingHeaders());
                return h;
            }

            @Override
            public void chunk(long epochMicros) {
                a.chunk(epochMicros);
                b.chunk(epochMicros);
            }

            @Override
            public void ended(int status, String outcome, long promptTokens, long completionTokens) {
                a.ended(status, outcome, promptTokens, completionTokens);
                b.ended(status, outcome, promptTokens, completionTokens);
            }
        };
    }
}
