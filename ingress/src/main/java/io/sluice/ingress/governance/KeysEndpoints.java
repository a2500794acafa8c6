package io.sluice.ingress.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.ingress.admin.AdminEndpoints;
import io.sluice.ingress.admin.AdminResponses;
import io.sluice.ingress.auth.KeyHash;
import io.sluice.ingress.http.ApiException;
import io.sluice.records.governance.ApiKeyEntry;
import io.sluice.records.governance.ConfigKeys;
import io.sluice.records.governance.GovernanceView;
import io.sluice.records.governance.Subscription;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /admin/subscriptions/{id}/keys}: issue a key (shown once), list keys (prefix and
 * metadata), rotate (a new key; the old one revoked now or after a grace period) and revoke.
 */
public final class KeysEndpoints implements AdminEndpoints {

    /** The longest grace a rotated key may keep working: a week. */
    static final long MAX_GRACE_SECONDS = 7 * 24 * 3600;
    private static final int MIN_IMPORTED_KEY = 20;

    private final GovernanceView view;
    private final GovernanceWriter writer;
    private final Clock clock;
    private final ApiKeyFactory factory = new ApiKeyFactory();

    public KeysEndpoints(GovernanceView view, GovernanceWriter writer, Clock clock) {
        this.view = view;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void mount(Router admin, Vertx vertx) {
        admin.post("/subscriptions/:id/keys").handler(ctx -> SubscriptionsEndpoints.handle(ctx, this::issue));
        admin.get("/subscriptions/:id/keys").handler(ctx -> SubscriptionsEndpoints.handle(ctx, c -> {
            Subscription sub = existing(c.pathParam("id"));
            Instant now = clock.instant();
            AdminResponses.json(c, 200, AdminViews.list(view.keysOf(sub.id()).stream()
                    .map(k -> AdminViews.key(k, now)).toList()));
        }));
        admin.post("/subscriptions/:id/keys/:keyId/rotate")
                .handler(ctx -> SubscriptionsEndpoints.handle(ctx, this::rotate));
        admin.delete("/subscriptions/:id/keys/:keyId").handler(ctx -> SubscriptionsEndpoints.handle(ctx, this::revoke));
    }

    private void issue(RoutingContext ctx) {
        String subId = ctx.pathParam("id");
        JsonNode body = AdminRequest.body(ctx);
        only(body, Set.of("name", "key"));
        String name = name(body);
        JsonNode imported = body.get("key");
        if (imported != null && (!imported.isTextual() || imported.asText().length() < MIN_IMPORTED_KEY
                || imported.asText().length() > 200 || imported.asText().isBlank())) {
            throw new ApiException(AdminErrors.badField("key", "must be a string of " + MIN_IMPORTED_KEY
                    + " to 200 characters (leave it out to have a key generated)"));
        }
        AdminRequest.answer(ctx, 201, writer.change(() -> {
            existing(subId);
            Instant now = clock.instant();
            if (imported != null) {
                String key = imported.asText();
                refuseReuse(KeyHash.sha256Hex(key));
                ApiKeyEntry entry = factory.entry(subId, key, name, now);
                writer.put(ConfigKeys.key(entry.id()), entry.toJsonBytes());
                return AdminViews.key(entry, now);
            }
            ApiKeyFactory.Issued issued = factory.issue(subId, name, now);
            writer.put(ConfigKeys.key(issued.entry().id()), issued.entry().toJsonBytes());
            Map<String, Object> out = AdminViews.key(issued.entry(), now);
            out.put("key", issued.key());
            return out;
        }));
    }

    private void refuseReuse(String sha256) {
        Optional<ApiKeyEntry> known = view.keyByHash(sha256);
        if (known.isEmpty()) {
            return;
        }
        if (!known.get().usable(clock.instant())) {
            throw new ApiException(AdminErrors.conflict("api_key_revoked", "This key was revoked (or rotated "
                    + "away) and can never be used again. Leave 'key' out to have a new key generated."));
        }
        throw new ApiException(AdminErrors.conflict("api_key_in_use",
                "This key is already in use. Leave 'key' out to have a new key generated."));
    }

    private void rotate(RoutingContext ctx) {
        String subId = ctx.pathParam("id");
        String keyId = ctx.pathParam("keyId");
        JsonNode body = AdminRequest.body(ctx);
        only(body, Set.of("grace_seconds", "name"));
        JsonNode g = body.get("grace_seconds");
        if (g != null && (!g.isIntegralNumber() || g.asLong() < 0 || g.asLong() > MAX_GRACE_SECONDS)) {
            throw new ApiException(AdminErrors.badField("grace_seconds", "must be a whole number of seconds from 0 "
                    + "to " + MAX_GRACE_SECONDS + " (got " + g + ")"));
        }
        long grace = g == null ? 0 : g.asLong();
        AdminRequest.answer(ctx, 201, writer.change(() -> {
            existing(subId);
            ApiKeyEntry old = key(subId, keyId);
            Instant now = clock.instant();
            if (!old.usable(now)) {
                throw new ApiException(AdminErrors.conflict("api_key_revoked", "Key '" + keyId + "' is already "
                        + "revoked; issue a new key with POST /admin/subscriptions/" + subId + "/keys."));
            }
            ApiKeyFactory.Issued issued = factory.issue(subId, body.has("name") ? name(body) : old.name(), now);
            writer.put(ConfigKeys.key(issued.entry().id()), issued.entry().toJsonBytes());
            ApiKeyEntry retired = grace == 0 ? old.revokedAt(now) : old.expiringAt(now.plusSeconds(grace));
            writer.put(ConfigKeys.key(old.id()), retired.toJsonBytes());
            Map<String, Object> out = AdminViews.key(issued.entry(), now);
            out.put("key", issued.key());
            out.put("replaces", AdminViews.key(retired, now));
            return out;
        }));
    }

    private void revoke(RoutingContext ctx) {
        String subId = ctx.pathParam("id");
        String keyId = ctx.pathParam("keyId");
        AdminRequest.answer(ctx, 200, writer.change(() -> {
            existing(subId);
            ApiKeyEntry k = key(subId, keyId);
            Instant now = clock.instant();
            ApiKeyEntry revoked = k.revoked() ? k : k.revokedAt(now);
            if (!k.revoked()) {
                writer.put(ConfigKeys.key(k.id()), revoked.toJsonBytes());
            }
            return AdminViews.key(revoked, now);
        }));
    }

    private Subscription existing(String id) {
        Subscription sub = view.subscription(id);
        if (sub == null) {
            throw new ApiException(AdminErrors.unknownSubscription(id));
        }
        return sub;
    }

    private ApiKeyEntry key(String subId, String keyId) {
        return view.key(keyId).filter(k -> k.subscriptionId().equals(subId))
                .orElseThrow(() -> new ApiException(AdminErrors.unknownKey(subId, keyId)));
    }

    private static String name(JsonNode body) {
        JsonNode n = body.get("name");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.asText().length() > 200) {
            throw new ApiException(AdminErrors.badField("name", "must be a string of at most 200 characters"));
        }
        return n.asText();
    }

    private static void only(JsonNode body, Set<String> known) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new ApiException(AdminErrors.badField(f, "is not a known field. Known fields: "
                        + String.join(", ", new java.util.TreeSet<>(known))));
            }
        }
    }
}
