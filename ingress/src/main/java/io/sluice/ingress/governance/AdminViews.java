package io.sluice.ingress.governance;

import io.sluice.records.governance.ApiKeyEntry;
import io.sluice.records.governance.Subscription;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the admin API shows of subscriptions and keys: never a key or its hash. */
final class AdminViews {
    private AdminViews() {
    }

    static Map<String, Object> subscription(Subscription s, List<ApiKeyEntry> keys, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", "subscription");
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("product", s.product());
        m.put("state", s.state());
        m.put("models", s.models());
        m.put("limits", s.limits());
        m.put("created_at", s.createdAt());
        m.put("updated_at", s.updatedAt());
        if (keys != null) {
            m.put("keys", keys.stream().map(k -> key(k, now)).toList());
        }
        return m;
    }

    static Map<String, Object> key(ApiKeyEntry k, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", "api_key");
        m.put("id", k.id());
        m.put("subscription_id", k.subscriptionId());
        m.put("name", k.name());
        m.put("prefix", k.prefix());
        m.put("state", k.revoked() ? "revoked" : k.expired(now) ? "expired" : "active");
        m.put("created_at", k.createdAt());
        m.put("revoked_at", k.revokedAt());
        m.put("expires_at", k.expiresAt());
        return m;
    }

    static Map<String, Object> list(List<?> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", "list");
        m.put("data", data);
        return m;
    }
}
