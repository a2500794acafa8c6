package io.sluice.launcher.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in a YAML config that knows its own path, so every error names the file and key.
 * String values may refer to the environment as {@code ${NAME}} or {@code ${NAME:-default}}.
 */
public final class ConfigNode {

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final String file;
    private final String path;
    private final JsonNode node;
    private final UnaryOperator<String> env;

    private ConfigNode(String file, String path, JsonNode node, UnaryOperator<String> env) {
        this.file = file;
        this.path = path;
        this.node = node == null ? MissingNode.getInstance() : node;
        this.env = env;
    }

    public static ConfigNode root(String file, JsonNode node, UnaryOperator<String> env) {
        return new ConfigNode(file, "", node, env);
    }

    public String file() {
        return file;
    }

    public String path() {
        return path;
    }

    public boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    public ConfigNode child(String key) {
        JsonNode v = node.get(key);
        if (v != null && !v.isNull() && !v.isObject()) {
            throw error(key, "must be a mapping of keys to values");
        }
        return new ConfigNode(file, keyPath(key), v, env);
    }

    /** Fails on keys this section does not define, naming the known ones (catches typos). */
    public ConfigNode allowOnly(String... keys) {
        if (!node.isObject()) {
            return this;
        }
        Set<String> known = Set.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw error(k, "unknown key. Known keys here: " + String.join(", ", new TreeSet<>(known)));
            }
        }
        return this;
    }

    public String string(String key, String fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode()) {
            throw error(key, "must be a single value, not a list or mapping");
        }
        return substitute(key, v.asText());
    }

    public String requiredString(String key, String hint) {
        String v = string(key, null);
        if (v == null || v.isBlank()) {
            throw error(key, "is required. " + hint);
        }
        return v;
    }

    public long longValue(String key, long fallback, long min, long max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        long n;
        if (v.isIntegralNumber()) {
            n = v.asLong();
        } else {
            String s = v.isTextual() ? substitute(key, v.asText()).trim() : v.asText();
            try {
                n = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw error(key, "must be a whole number (got '" + v.asText() + "')");
            }
        }
        if (n < min || n > max) {
            throw error(key, "must be between " + min + " and " + max + " (got " + n + ")");
        }
        return n;
    }

    public int integer(String key, int fallback, int min, int max) {
        return (int) longValue(key, fallback, min, max);
    }

    public double decimal(String key, double fallback, double min, double max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        double d;
        if (v.isNumber()) {
            d = v.asDouble();
        } else {
            try {
                d = Double.parseDouble(substitute(key, v.asText()).trim());
            } catch (NumberFormatException e) {
                throw error(key, "must be a number (got '" + v.asText() + "')");
            }
        }
        if (d < min || d > max) {
            throw error(key, "must be between " + min + " and " + max + " (got " + d + ")");
        }
        return d;
    }

    public boolean bool(String key, boolean fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String s = substitute(key, v.asText()).trim();
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw error(key, "must be true or false (got '" + v.asText() + "')");
    }

    /** The items of a list; a missing key is an empty list. */
    public List<ConfigNode> list(String key) {
        JsonNode v = node.get(key);
        List<ConfigNode> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw error(key, "must be a list");
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(new ConfigNode(file, keyPath(key) + "[" + i + "]", v.get(i), env));
        }
        return out;
    }

    /** A list of plain strings; a missing key is the fallback. */
    public List<String> strings(String key, List<String> fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isTextual()) {
            return List.of(substitute(key, v.asText()));
        }
        if (!v.isArray()) {
            throw error(key, "must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isValueNode()) {
                throw error(key + "[" + i + "]", "must be a string");
            }
            out.add(substitute(key, v.get(i).asText()));
        }
        return out;
    }

    /** The entries of a mapping, in file order; a missing key is an empty map. */
    public Map<String, ConfigNode> entries(String key) {
        JsonNode v = node.get(key);
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw error(key, "must be a mapping");
        }
        v.fields().forEachRemaining(e -> out.put(e.getKey(),
                new ConfigNode(file, keyPath(key) + "." + e.getKey(), e.getValue(), env)));
        return out;
    }

    /** This node's own scalar value (for list items and map values that are plain strings). */
    public String asString() {
        if (!node.isValueNode()) {
            return null;
        }
        return substitute(null, node.asText());
    }

    public boolean isScalar() {
        return node.isValueNode();
    }

    /** This node as parsed, for a section validated by a reader of its own (no ${ENV} expansion). */
    public JsonNode json() {
        return node;
    }

    public ConfigException error(String key, String problem) {
        return new ConfigException(file, key == null ? path : keyPath(key), problem);
    }

    private String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String substitute(String key, String value) {
        Matcher m = ENV.matcher(value);
        if (!m.find()) {
            return value;
        }
        StringBuilder sb = new StringBuilder();
        m.reset();
        while (m.find()) {
            String name = m.group(1);
            String resolved = env.apply(name);
            if (resolved == null) {
                resolved = m.group(3);
            }
            if (resolved == null) {
                throw error(key, "refers to environment variable " + name
                        + ", which is not set. Export it, or write ${" + name + ":-default}.");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
