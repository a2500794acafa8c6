package io.sluice.records.governance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a subscription's settings from JSON (the admin API, snake_case field names)
 * or YAML (the config file, kebab-case). Every error names the field; nothing is half-read.
 */
public final class SubscriptionInput {

    /** How field names are spelled in the source. */
    public enum Naming {
        SNAKE, KEBAB;

        String of(String snake) {
            return this == SNAKE ? snake : snake.replace('_', '-');
        }
    }

    /** The settable fields of a subscription (besides its id). */
    public static final List<String> FIELDS = List.of("name", "product", "state", "models", "limits");
    private static final List<String> LIMIT_FIELDS = List.of("counter_key", "tokens_per_minute", "token_quota",
            "requests_per_minute", "max_parallel", "budget");
    private static final long MAX_COUNT = 1_000_000_000_000L;

    private final Naming naming;

    public SubscriptionInput(Naming naming) {
        this.naming = naming;
    }

    /**
     * A subscription from {@code node}; fields it lacks keep the value in {@code base} (or their
     * default). {@code extra} names further fields the caller reads itself.
     */
    public Subscription read(String id, JsonNode node, Subscription base, String now, Set<String> extra) {
        if (node == null || !node.isObject()) {
            throw new InvalidFieldException("(body)", "must be a JSON object");
        }
        Set<String> known = new LinkedHashSet<>(extra);
        FIELDS.forEach(f -> known.add(naming.of(f)));
        only(node, "", known);
        String name = node.has("name") ? text(node, "name", "", 200, true) : base == null ? id : base.name();
        String product = node.has("product") ? text(node, "product", "", 100, false)
                : base == null ? null : base.product();
        Subscription.State state = base == null ? Subscription.State.ACTIVE : base.state();
        if (node.has("state")) {
            try {
                state = Subscription.State.fromWire(text(node, "state", "", 20, true));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("state", e.getMessage());
            }
        }
        List<String> models = node.has("models") ? models(node.get("models")) : base == null ? List.of()
                : base.models();
        Limits limits = node.has(naming.of("limits")) ? limits(node.get(naming.of("limits")), "limits")
                : base == null ? Limits.NONE : base.limits();
        return new Subscription(id, name, product, state, models, limits,
                base == null ? now : base.createdAt(), now);
    }

    /** Limits from {@code node} (null or absent: none); {@code path} prefixes field names in errors. */
    public Limits limits(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Limits.NONE;
        }
        if (!node.isObject()) {
            throw new InvalidFieldException(path, "must be an object of limits");
        }
        only(node, path + ".", new LinkedHashSet<>(LIMIT_FIELDS.stream().map(naming::of).toList()));
        CounterScope scope = null;
        JsonNode ck = node.get(naming.of("counter_key"));
        if (ck != null && !ck.isNull()) {
            if (!ck.isTextual()) {
                throw new InvalidFieldException(field(path, "counter_key"), "must be a string");
            }
            try {
                scope = CounterScope.parse(ck.asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException(field(path, "counter_key"), e.getMessage());
            }
        }
        TokenQuota quota = null;
        JsonNode q = node.get(naming.of("token_quota"));
        if (q != null && !q.isNull()) {
            String qp = field(path, "token_quota");
            object(q, qp, List.of("tokens", "period"));
            quota = new TokenQuota(count(q, qp, "tokens", true), period(q, qp));
        }
        Budget budget = null;
        JsonNode b = node.get(naming.of("budget"));
        if (b != null && !b.isNull()) {
            String bp = field(path, "budget");
            object(b, bp, List.of("usd", "period"));
            budget = new Budget(usd(b, bp), period(b, bp));
        }
        return new Limits(scope, count(node, path, "tokens_per_minute", false), quota,
                count(node, path, "requests_per_minute", false), count(node, path, "max_parallel", false), budget);
    }

    private void object(JsonNode node, String path, List<String> fields) {
        if (!node.isObject()) {
            throw new InvalidFieldException(path, "must be an object with " + String.join(" and ",
                    fields.stream().map(naming::of).toList()));
        }
        only(node, path + ".", new LinkedHashSet<>(fields.stream().map(naming::of).toList()));
    }

    private Long count(JsonNode node, String path, String snake, boolean required) {
        JsonNode v = node.get(naming.of(snake));
        String f = field(path, snake);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidFieldException(f, "is required");
            }
            return null;
        }
        if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > MAX_COUNT) {
            throw new InvalidFieldException(f, "must be a whole number from 1 to " + MAX_COUNT + " (got "
                    + v + "); leave it out for no limit");
        }
        return v.asLong();
    }

    private BigDecimal usd(JsonNode node, String path) {
        JsonNode v = node.get("usd");
        String f = path + ".usd";
        BigDecimal d;
        try {
            d = v == null || v.isNull() ? null : v.isNumber() ? v.decimalValue()
                    : v.isTextual() ? new BigDecimal(v.asText().trim()) : null;
        } catch (NumberFormatException e) {
            d = null;
        }
        if (d == null || d.signum() <= 0) {
            throw new InvalidFieldException(f, "must be a positive amount of US dollars, e.g. 100 or \"25.50\" "
                    + "(got " + v + ")");
        }
        return d.stripTrailingZeros();
    }

    private Period period(JsonNode node, String path) {
        JsonNode v = node.get("period");
        if (v == null || !v.isTextual()) {
            throw new InvalidFieldException(path + ".period", "is required: one of " + Period.names());
        }
        try {
            return Period.fromWire(v.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(path + ".period", e.getMessage());
        }
    }

    private List<String> models(JsonNode v) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidFieldException("models", "must be a list of model names (empty: every model)");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
                throw new InvalidFieldException("models[" + i + "]", "must be a model name");
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    private static String text(JsonNode node, String key, String path, int max, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidFieldException(path + key, "must be a non-empty string");
            }
            return null;
        }
        if (!v.isTextual() || (required && v.asText().isBlank()) || v.asText().length() > max) {
            throw new InvalidFieldException(path + key, "must be a " + (required ? "non-empty " : "")
                    + "string of at most " + max + " characters");
        }
        return v.asText();
    }

    private String field(String path, String snake) {
        return (path.isEmpty() ? "" : path + ".") + naming.of(snake);
    }

    private static void only(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new InvalidFieldException(path + k, "is not a known field. Known fields: "
                        + String.join(", ", known));
            }
        }
    }
}
