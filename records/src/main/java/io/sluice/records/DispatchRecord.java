package io.sluice.records;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;

/**
 * Admitted work on the dispatch topic: the request, and the backends to try as a {@link RoutePlan}
 * (pool, strategy, priority groups).
 */
public record DispatchRecord(PromptRecord prompt, RoutePlan plan) {

    public DispatchRecord {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(plan, "plan");
    }

    /** Ordered failover over {@code backends}. */
    public DispatchRecord(PromptRecord prompt, List<String> backends) {
        this(prompt, planOf(prompt, backends));
    }

    private static RoutePlan planOf(PromptRecord prompt, List<String> backends) {
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("a dispatch needs at least one backend");
        }
        return RoutePlan.failover(prompt.model(), backends);
    }

    /** Every candidate backend id, best priority group first. */
    public List<String> backends() {
        return plan.backends();
    }

    public void writeTo(Headers headers) {
        prompt.writeTo(headers);
        SluiceHeaders.put(headers, SluiceHeaders.BACKENDS, String.join(",", plan.backends()));
        SluiceHeaders.put(headers, SluiceHeaders.ROUTE, plan.toHeader());
    }

    /** Reads a dispatch; one written with only a backend list is an ordered failover over it. */
    public static DispatchRecord from(Headers headers, byte[] body) {
        PromptRecord prompt = PromptRecord.from(headers, body);
        String route = SluiceHeaders.get(headers, SluiceHeaders.ROUTE);
        if (route != null) {
            return new DispatchRecord(prompt, RoutePlan.fromHeader(route));
        }
        String list = SluiceHeaders.require(headers, SluiceHeaders.BACKENDS);
        List<String> backends = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (backends.isEmpty()) {
            throw new MalformedRecordException("header " + SluiceHeaders.BACKENDS + " names no backend");
        }
        return new DispatchRecord(prompt, backends);
    }
}
