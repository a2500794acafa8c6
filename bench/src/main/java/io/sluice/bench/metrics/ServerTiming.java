package io.sluice.bench.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parses a W3C {@code Server-Timing} header into metric name → duration in milliseconds. */
public final class ServerTiming {
    private ServerTiming() {
    }

    /**
     * Metrics with a {@code dur} parameter, in header order; metrics without one, or with a malformed one,
     * are left out. An absent or blank header gives an empty map.
     */
    public static Map<String, Double> parse(String header) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        for (String metric : splitOutsideQuotes(header, ',')) {
            List<String> parts = splitOutsideQuotes(metric, ';');
            String name = parts.get(0).trim();
            if (name.isEmpty()) {
                continue;
            }
            for (int i = 1; i < parts.size(); i++) {
                String param = parts.get(i).trim();
                int eq = param.indexOf('=');
                if (eq > 0 && param.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("dur")) {
                    Double dur = number(param.substring(eq + 1).trim());
                    if (dur != null) {
                        out.put(name, dur);
                    }
                }
            }
        }
        return out;
    }

    private static Double number(String text) {
        String t = text.startsWith("\"") && text.endsWith("\"") && text.length() >= 2
                ? text.substring(1, text.length() - 1) : text;
        try {
            double value = Double.parseDouble(t);
            return Double.isFinite(value) && value >= 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }
}
