package io.sluice.safety.detect;

import java.util.Locale;

/** The kinds of personal data and secrets the PII detector knows, by their config names. */
public enum PiiKind {
    EMAIL("email"),
    PHONE("phone"),
    CARD("card"),
    IBAN("iban"),
    US_SSN("us-ssn"),
    IP_ADDRESS("ip"),
    SECRET("secret");

    private final String configName;

    PiiKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** @throws IllegalArgumentException listing the known names */
    public static PiiKind fromConfig(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (PiiKind k : values()) {
            if (k.configName.equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown PII kind '" + name + "'; kinds are email, phone, card, iban, "
                + "us-ssn, ip, secret");
    }
}
