package io.sluice.bench.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one request a step sends over and over: where, with which headers, what body. */
public record RequestTemplate(String url, Map<String, String> headers, String body, boolean stream) {

    public RequestTemplate {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A small chat request for {@code model} to {@code baseUrl + /chat/completions}. */
    public static RequestTemplate chat(String baseUrl, Map<String, String> headers, String model, boolean stream) {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Say hello in one short sentence.\"}],\"max_tokens\":32"
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
        return new RequestTemplate(baseUrl + "/chat/completions", headers, body, stream);
    }
}
