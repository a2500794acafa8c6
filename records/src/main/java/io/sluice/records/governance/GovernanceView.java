package io.sluice.records.governance;

import io.sluice.records.MalformedRecordException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's in-memory view of the runtime configuration (subscriptions, keys) and of the
 * ledger's budget spend, fed by the config and spend topics. Reads are lock-free; one reader
 * thread applies records in offset order.
 */
public final class GovernanceView implements SubscriptionDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceView.class);

    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, ApiKeyEntry> keysById = new ConcurrentHashMap<>();
    private final Map<String, ApiKeyEntry> keysByHash = new ConcurrentHashMap<>();
    private final Map<String, Spend> spend = new ConcurrentHashMap<>();
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(String partition, long offset, CompletableFuture<Void> done) {
    }

    /** Applies one config-topic record; a null value deletes the entity. */
    public void applyConfig(String key, byte[] value) {
        if (key == null) {
            return;
        }
        try {
            if (key.startsWith(ConfigKeys.SUBSCRIPTION)) {
                String id = key.substring(ConfigKeys.SUBSCRIPTION.length());
                if (value == null) {
                    subscriptions.remove(id);
                } else {
                    subscriptions.put(id, Subscription.fromJson(value));
                }
            } else if (key.startsWith(ConfigKeys.KEY)) {
                String id = key.substring(ConfigKeys.KEY.length());
                ApiKeyEntry old = value == null ? keysById.remove(id) : null;
                if (old != null) {
                    keysByHash.remove(old.sha256(), old);
                }
                if (value != null) {
                    ApiKeyEntry entry = ApiKeyEntry.fromJson(value);
                    ApiKeyEntry previous = keysById.put(id, entry);
                    if (previous != null && !previous.sha256().equals(entry.sha256())) {
                        keysByHash.remove(previous.sha256(), previous);
                    }
                    keysByHash.put(entry.sha256(), entry);
                }
            }
        } catch (MalformedRecordException | IllegalArgumentException | NullPointerException e) {
            LOG.warn("ignoring malformed config record {}: {}", key, e.getMessage());
        }
    }

    /** Applies one spend-topic record. */
    public void applySpend(String subscriptionId, byte[] value) {
        if (subscriptionId == null) {
            return;
        }
        try {
            if (value == null) {
                spend.remove(subscriptionId);
            } else {
                spend.put(subscriptionId, Spend.fromJson(value));
            }
        } catch (MalformedRecordException e) {
            LOG.warn("ignoring malformed spend record {}: {}", subscriptionId, e.getMessage());
        }
    }

    /** Records that everything up to {@code offset} of {@code partition} is applied. */
    public void markApplied(String partition, long offset) {
        applied.merge(partition, offset, Math::max);
        List<Waiter> ready = new ArrayList<>();
        synchronized (waiters) {
            waiters.removeIf(w -> {
                if (w.partition.equals(partition) && w.offset <= offset) {
                    ready.add(w);
                    return true;
                }
                return false;
            });
        }
        ready.forEach(w -> w.done.complete(null));
    }

    /** Completes once the record at {@code offset} of {@code partition} ("topic-n") is in this view. */
    public CompletableFuture<Void> whenApplied(String partition, long offset) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (waiters) {
            if (applied.getOrDefault(partition, -1L) >= offset) {
                f.complete(null);
            } else {
                waiters.add(new Waiter(partition, offset, f));
            }
        }
        return f;
    }

    @Override
    public Subscription subscription(String id) {
        return id == null ? null : subscriptions.get(id);
    }

    @Override
    public Spend spend(String subscriptionId) {
        return subscriptionId == null ? null : spend.get(subscriptionId);
    }

    public List<Subscription> subscriptions() {
        return subscriptions.values().stream().sorted(Comparator.comparing(Subscription::id)).toList();
    }

    public Optional<ApiKeyEntry> keyByHash(String sha256) {
        return Optional.ofNullable(keysByHash.get(sha256));
    }

    public Optional<ApiKeyEntry> key(String keyId) {
        return Optional.ofNullable(keysById.get(keyId));
    }

    /** The keys of a subscription, revoked ones included, oldest first. */
    public List<ApiKeyEntry> keysOf(String subscriptionId) {
        return keysById.values().stream().filter(k -> k.subscriptionId().equals(subscriptionId))
                .sorted(Comparator.comparing((ApiKeyEntry k) -> k.createdAt() == null ? "" : k.createdAt())
                        .thenComparing(ApiKeyEntry::id))
                .toList();
    }
}
