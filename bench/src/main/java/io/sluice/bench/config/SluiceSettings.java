package io.sluice.bench.config;

/**
 * How the Sluice target is reached: a gateway this tool starts, or one already running at a URL.
 *
 * @param configExtra a YAML file whose lines are added to the started gateway's config, or null
 */
public record SluiceSettings(String url, String key, String jar, String javaOpts, int partitions, String configExtra) {

    public SluiceSettings(String url, String key, String jar, String javaOpts, int partitions) {
        this(url, key, jar, javaOpts, partitions, null);
    }

    public SluiceSettings {
        if (url != null) {
            Urls.requireHttpBase("--sluice-url", url);
            url = Urls.stripTrailingSlash(url);
        }
        if (key == null || key.isBlank()) {
            throw new FlagException("--sluice-key must not be blank");
        }
        if (partitions < 1 || partitions > 1000) {
            throw new FlagException("--sluice-partitions must be 1..1000, got " + partitions);
        }
    }

    public boolean startsProcess() {
        return url == null;
    }
}
