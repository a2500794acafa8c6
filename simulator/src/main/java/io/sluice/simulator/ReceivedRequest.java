package io.sluice.simulator;

import java.util.Locale;
import java.util.Map;

/**
 * One request as the simulator received it: {@code path} is the request target including any query string,
 * header names are lower-case (repeated headers joined with ", ").
 */
public record ReceivedRequest(String method, String path, Map<String, String> headers, String body,
        long receivedAtMillis) {

    public ReceivedRequest {
        headers = Map.copyOf(headers);
    }

    /** The value of a header, looked up case-insensitively, or null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
