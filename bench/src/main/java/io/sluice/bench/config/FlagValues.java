package io.sluice.bench.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed access to the raw values of parsed flags; conversion errors name the flag. */
final class FlagValues {
    private final Map<String, List<String>> values;

    FlagValues(Map<String, List<String>> values) {
        this.values = values;
    }

    boolean has(String flag) {
        return values.containsKey(flag);
    }

    List<String> all(String flag) {
        return values.getOrDefault(flag, List.of());
    }

    String text(String flag, String fallback) {
        List<String> list = values.get(flag);
        return list == null ? fallback : list.get(0);
    }

    int integer(String flag, String fallback) {
        String text = text(flag, fallback);
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new FlagException(flag + ": expected a whole number, got '" + text + "'");
        }
    }

    long longValue(String flag, String fallback) {
        String text = text(flag, fallback);
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new FlagException(flag + ": expected a whole number, got '" + text + "'");
        }
    }

    double decimal(String flag, String fallback) {
        String text = text(flag, fallback);
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new FlagException(flag + ": expected a number, got '" + text + "'");
        }
    }

    long duration(String flag, String fallback) {
        return Durations.parseMillis(flag, text(flag, fallback));
    }

    List<Double> doubles(String flag, String fallback) {
        List<Double> out = new ArrayList<>();
        for (String part : items(flag, fallback)) {
            try {
                out.add(Double.parseDouble(part));
            } catch (NumberFormatException e) {
                throw new FlagException(flag + ": expected comma-separated numbers, got '" + part + "'");
            }
        }
        return out;
    }

    List<Integer> integers(String flag, String fallback) {
        List<Integer> out = new ArrayList<>();
        for (String part : items(flag, fallback)) {
            try {
                out.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new FlagException(flag + ": expected comma-separated whole numbers, got '" + part + "'");
            }
        }
        return out;
    }

    private List<String> items(String flag, String fallback) {
        String text = text(flag, fallback);
        List<String> out = new ArrayList<>();
        if (text.isBlank()) {
            if (has(flag)) {
                throw new FlagException(flag + ": empty list");
            }
            return out;
        }
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                throw new FlagException(flag + ": empty item in '" + text + "'");
            }
            out.add(part.trim());
        }
        return out;
    }
}
