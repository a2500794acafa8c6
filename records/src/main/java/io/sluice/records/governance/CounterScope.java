package io.sluice.records.governance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a subscription's limits are counted per: the whole subscription (default), each API key,
 * each value of a request header, or each client IP. The counter key it yields is the key of the
 * requests topic, so each counter lives in one partition with one writer.
 *
 * @param header the request header whose value is counted, for {@link Kind#HEADER}
 */
public record CounterScope(Kind kind, String header) {

    /** The per-subscription scope, the default. */
    public static final CounterScope SUBSCRIPTION = new CounterScope(Kind.SUBSCRIPTION, null);

    /** What is counted. */
    public enum Kind { SUBSCRIPTION, KEY, HEADER, IP }

    private static final String HEADER_PREFIX = "header:";

    public CounterScope {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.HEADER) {
            if (header == null || !header.matches("[A-Za-z0-9-]{1,100}")) {
                throw new IllegalArgumentException("needs a header name of letters, digits and '-' after 'header:'");
            }
            header = header.toLowerCase(Locale.ROOT);
        } else {
            header = null;
        }
    }

    /** Parses {@code subscription}, {@code key}, {@code ip} or {@code header:<name>}. */
    @JsonCreator
    public static CounterScope parse(String s) {
        String v = s == null ? "" : s.trim();
        if (v.regionMatches(true, 0, HEADER_PREFIX, 0, HEADER_PREFIX.length())) {
            return new CounterScope(Kind.HEADER, v.substring(HEADER_PREFIX.length()));
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "subscription" -> SUBSCRIPTION;
            case "key" -> new CounterScope(Kind.KEY, null);
            case "ip" -> new CounterScope(Kind.IP, null);
            default -> throw new IllegalArgumentException(
                    "must be subscription, key, ip or header:<name> (got '" + s + "')");
        };
    }

    @JsonValue
    public String wire() {
        return kind == Kind.HEADER ? HEADER_PREFIX + header : kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The counter key of one request. Per subscription it is the subscription id itself; finer
     * scopes are prefixed by it, so two subscriptions never share a counter.
     *
     * @param headers looks up a request header by (lower-case) name
     */
    public String counterKey(String subscriptionId, String keyId, UnaryOperator<String> headers, String clientIp) {
        return switch (kind) {
            case SUBSCRIPTION -> subscriptionId;
            case KEY -> subscriptionId + "|key:" + keyId;
            case IP -> subscriptionId + "|ip:" + (clientIp == null ? "" : clientIp);
            case HEADER -> {
                String v = headers.apply(header);
                yield subscriptionId + "|" + header + ":" + (v == null ? "" : v.trim());
            }
        };
    }
}
