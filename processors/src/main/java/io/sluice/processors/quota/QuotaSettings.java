package io.sluice.processors.quota;

import io.sluice.records.governance.SubscriptionDirectory;
import java.util.Objects;

/**
 * What the quota stage needs: the live subscriptions (and their budget spend), and how many
 * completion tokens to reserve for a request that names no {@code max_tokens}.
 */
public record QuotaSettings(SubscriptionDirectory subscriptions, long defaultCompletionTokens) {

    /** The default reserve for completions when a request sets no limit of its own. */
    public static final long DEFAULT_COMPLETION_TOKENS = 1024;

    public QuotaSettings {
        Objects.requireNonNull(subscriptions, "subscriptions");
        if (defaultCompletionTokens < 0) {
            throw new IllegalArgumentException("defaultCompletionTokens must be at least 0");
        }
    }
}
