package io.sluice.ingress.governance;

import io.sluice.ingress.auth.Caller;
import io.sluice.ingress.auth.KeyDirectory;
import io.sluice.ingress.auth.KeyHash;
import io.sluice.records.ApiError;
import io.sluice.records.governance.ApiKeyEntry;
import io.sluice.records.governance.GovernanceErrors;
import io.sluice.records.governance.GovernanceView;
import io.sluice.records.governance.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The API keys of the runtime configuration: a key authenticates while it is neither revoked nor
 * past its rotation grace, and its subscription exists and is active. Changes on the config topic
 * apply as soon as this instance's view has read them.
 */
public final class ConfigKeyDirectory implements KeyDirectory {

    private final GovernanceView view;
    private final Clock clock;

    public ConfigKeyDirectory(GovernanceView view, Clock clock) {
        this.view = view;
        this.clock = clock;
    }

    @Override
    public Optional<Caller> find(String presentedKey) {
        Optional<ApiKeyEntry> entry = view.keyByHash(KeyHash.sha256Hex(presentedKey));
        if (entry.isEmpty() || !entry.get().usable(clock.instant())) {
            return Optional.empty();
        }
        Subscription sub = view.subscription(entry.get().subscriptionId());
        if (sub == null || !sub.active()) {
            return Optional.empty();
        }
        return Optional.of(new Caller(entry.get().id(), sub.id(), sub.limits().scope(), sub.models()));
    }

    @Override
    public ApiError refusal(String presentedKey) {
        Optional<ApiKeyEntry> entry = view.keyByHash(KeyHash.sha256Hex(presentedKey));
        if (entry.isEmpty()) {
            return ApiError.invalidKey();
        }
        Instant now = clock.instant();
        if (entry.get().revoked()) {
            return GovernanceErrors.keyRevoked();
        }
        if (entry.get().expired(now)) {
            return GovernanceErrors.keyExpired();
        }
        Subscription sub = view.subscription(entry.get().subscriptionId());
        if (sub == null) {
            return GovernanceErrors.subscriptionGone(entry.get().subscriptionId());
        }
        return GovernanceErrors.subscriptionSuspended(sub.id());
    }
}
