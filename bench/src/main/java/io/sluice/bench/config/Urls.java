package io.sluice.bench.config;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks base URLs given on the command line. */
final class Urls {
    private Urls() {
    }

    static void requireHttpBase(String flag, String url) {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new FlagException(flag + ": expected an http(s) base URL such as http://127.0.0.1:8080/v1, got '"
                        + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new FlagException(flag + ": not a URL: '" + url + "'");
        }
    }

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
