package io.sluice.bench.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Any other OpenAI-compatible gateway to measure: its base URL, a name for the report, extra headers. */
public record CompareSettings(String url, String name, Map<String, String> headers) {

    public CompareSettings {
        if (url != null) {
            Urls.requireHttpBase("--compare-url", url);
            url = Urls.stripTrailingSlash(url);
        }
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new FlagException("--compare-name must be letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Parses repeated {@code --compare-header 'Name: value'} values, keeping their order. */
    public static Map<String, String> parseHeaders(List<String> raw) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : raw) {
            int colon = header.indexOf(':');
            if (colon <= 0 || header.substring(0, colon).isBlank()) {
                throw new FlagException("--compare-header: expected 'Name: value', got '" + header + "'");
            }
            headers.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        return headers;
    }
}
