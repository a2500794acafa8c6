package io.sluice.records.governance;

/** Record keys of the entities on the config topic: {@code subscription:<id>} and {@code key:<id>}. */
public final class ConfigKeys {

    public static final String SUBSCRIPTION = "subscription:";
    public static final String KEY = "key:";

    private ConfigKeys() {
    }

    public static String subscription(String id) {
        return SUBSCRIPTION + id;
    }

    public static String key(String keyId) {
        return KEY + keyId;
    }
}
