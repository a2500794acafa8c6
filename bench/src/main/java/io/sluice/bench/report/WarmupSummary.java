package io.sluice.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The unmeasured warm-up: its load and how its requests ended, to show a target was healthy before measuring. */
public record WarmupSummary(String load, double seconds, long ok, Map<String, Long> errorsByKind) {
    public WarmupSummary {
        errorsByKind = Collections.unmodifiableMap(new LinkedHashMap<>(errorsByKind));
    }
}
