package io.sluice.bench.target;

import io.sluice.bench.process.MonitoredProcess;
import java.util.List;
import java.util.Map;

/** Something that answers OpenAI chat requests and is measured: the backend itself, or a gateway in front of it. */
public interface Target extends AutoCloseable {

    /** Name in the report, e.g. {@code direct}, {@code sluice}, {@code portkey}. */
    String name();

    /** OpenAI base URL, e.g. {@code http://127.0.0.1:18080/v1}. */
    String baseUrl();

    /** Headers every request carries (authorization, routing). */
    Map<String, String> headers();

    /** Processes this tool started for the target, whose CPU and memory it reports; empty for external ones. */
    List<MonitoredProcess> processes();

    /** What the report should say about how the target ran: versions, command, log file. Never a secret. */
    Map<String, String> facts();

    @Override
    void close();
}
