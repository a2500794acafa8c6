package io.sluice.ingress.auth;

import io.vertx.core.http.HttpServerRequest;

/** Reads the API key a client sent: {@code Authorization: Bearer <key>}, or the {@code api-key} header. */
public final class PresentedKey {
    private PresentedKey() {
    }

    /** The key, or null when the request carries none. */
    public static String from(HttpServerRequest request) {
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = auth.substring(7).trim();
            if (!key.isEmpty()) {
                return key;
            }
        }
        String apiKey = request.getHeader("api-key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }
}
