package io.sluice.bench.config;

/** The backend every target ends at: the in-process simulator, or an external URL. */
public record BackendSettings(String url, long latencyMs, double tokensPerSecond, int completionTokens,
        int simulatorInstances, String apiKey) {

    public BackendSettings {
        if (url != null) {
            Urls.requireHttpBase("--backend-url", url);
            url = Urls.stripTrailingSlash(url);
        }
        if (latencyMs < 0) {
            throw new FlagException("--backend-latency-ms must be >= 0, got " + latencyMs);
        }
        if (!(tokensPerSecond >= 0) || Double.isInfinite(tokensPerSecond)) {
            throw new FlagException("--tokens-per-second must be >= 0 (0 = as fast as possible), got "
                    + tokensPerSecond);
        }
        if (completionTokens < 1) {
            throw new FlagException("--completion-tokens must be >= 1, got " + completionTokens);
        }
        if (simulatorInstances < 1 || simulatorInstances > 64) {
            throw new FlagException("--simulator-instances must be 1..64, got " + simulatorInstances);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new FlagException("--backend-key must not be blank");
        }
    }

    public boolean usesSimulator() {
        return url == null;
    }
}
