package io.sluice.bench.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a target is: the backend itself, the Sluice gateway, Portkey, or another OpenAI-compatible gateway. */
public enum TargetKind {
    DIRECT, SLUICE, PORTKEY, COMPARE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TargetKind parse(String text) {
        for (TargetKind kind : values()) {
            if (kind.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new FlagException("--targets: unknown target '" + text.trim()
                + "'; choose from direct, sluice, portkey, compare");
    }
}
