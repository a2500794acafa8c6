package io.sluice.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A whole run: how it was invoked, where, against which backend, and what each target did. */
public record BenchReport(String tool, String startedAt, String finishedAt, String commandLine, MachineFacts machine,
        Map<String, String> backend, Object settings, List<TargetResult> targets) {

    public BenchReport {
        backend = Collections.unmodifiableMap(new LinkedHashMap<>(backend));
        targets = List.copyOf(targets);
    }
}
