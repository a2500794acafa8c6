package io.sluice.egress.backend;

import java.util.Objects;

/** A credential that never prints itself: logs, errors and config dumps show {@code ****}. */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    /** The secret itself, for the one place that must send it (an outgoing request header). */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
