package io.sluice.processors.cache;

import java.util.Locale;

/**
 * The request's {@code Cache-Control} directives the cache honours: {@code no-cache} (do not answer
 * from the cache) and {@code no-store} (do not keep this answer).
 */
record CacheControl(boolean noCache, boolean noStore) {

    static CacheControl parse(String header) {
        if (header == null) {
            return new CacheControl(false, false);
        }
        boolean noCache = false;
        boolean noStore = false;
        for (String d : header.toLowerCase(Locale.ROOT).split(",")) {
            String directive = d.trim();
            int eq = directive.indexOf('=');
            String name = eq < 0 ? directive : directive.substring(0, eq).trim();
            noCache |= name.equals("no-cache") || name.equals("max-age") && directive.endsWith("=0");
            noStore |= name.equals("no-store");
        }
        return new CacheControl(noCache, noStore);
    }
}
