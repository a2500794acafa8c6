package io.sluice.bench.target;

import io.sluice.bench.process.MonitoredProcess;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A target this tool did not start: only an address and headers, no process metrics. */
public record EndpointTarget(String name, String baseUrl, Map<String, String> headers, Map<String, String> facts)
        implements Target {

    public EndpointTarget {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    @Override
    public List<MonitoredProcess> processes() {
        return List.of();
    }

    @Override
    public void close() {
        // Nothing was started.
    }
}
