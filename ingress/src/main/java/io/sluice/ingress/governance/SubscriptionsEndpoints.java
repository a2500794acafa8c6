package io.sluice.ingress.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.ingress.admin.AdminEndpoints;
import io.sluice.ingress.admin.AdminResponses;
import io.sluice.ingress.http.ApiException;
import io.sluice.records.Json;
import io.sluice.records.governance.ApiKeyEntry;
import io.sluice.records.governance.ConfigKeys;
import io.sluice.records.governance.GovernanceView;
import io.sluice.records.governance.Subscription;
import io.sluice.records.governance.SubscriptionInput;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /admin/subscriptions}: create, list, read, change (JSON merge patch) and delete
 * subscriptions. Input is validated whole before anything is written; every error names the field.
 */
public final class SubscriptionsEndpoints implements AdminEndpoints {

    private final GovernanceView view;
    private final GovernanceWriter writer;
    private final Clock clock;
    private final SubscriptionInput input = new SubscriptionInput(SubscriptionInput.Naming.SNAKE);

    public SubscriptionsEndpoints(GovernanceView view, GovernanceWriter writer, Clock clock) {
        this.view = view;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void mount(Router admin, Vertx vertx) {
        admin.post("/subscriptions").handler(ctx -> handle(ctx, this::create));
        admin.get("/subscriptions").handler(ctx -> handle(ctx, c -> AdminResponses.json(c, 200,
                AdminViews.list(view.subscriptions().stream()
                        .map(s -> AdminViews.subscription(s, null, clock.instant())).toList()))));
        admin.get("/subscriptions/:id").handler(ctx -> handle(ctx, this::read));
        admin.patch("/subscriptions/:id").handler(ctx -> handle(ctx, this::patch));
        admin.delete("/subscriptions/:id").handler(ctx -> handle(ctx, this::delete));
    }

    static void handle(RoutingContext ctx, java.util.function.Consumer<RoutingContext> handler) {
        try {
            handler.accept(ctx);
        } catch (RuntimeException e) {
            AdminRequest.fail(ctx, e);
        }
    }

    private void create(RoutingContext ctx) {
        JsonNode body = AdminRequest.body(ctx);
        JsonNode idNode = body.get("id");
        String id = idNode == null || idNode.isNull() ? "sub_" + UUID.randomUUID().toString().substring(0, 13)
                .replace("-", "") : idNode.asText();
        if (idNode != null && (!idNode.isTextual() || !id.matches(Subscription.ID_PATTERN))) {
            throw new ApiException(AdminErrors.badField("id", "must be 1 to 64 letters, digits, '.', '_' or '-' "
                    + "(got " + idNode + ")"));
        }
        String now = clock.instant().toString();
        Subscription sub = input.read(id, body, null, now, Set.of("id"));
        AdminRequest.answer(ctx, 201, writer.change(() -> {
            if (view.subscription(id) != null) {
                throw new ApiException(AdminErrors.conflict("subscription_exists", "Subscription '" + id
                        + "' already exists. Change it with PATCH /admin/subscriptions/" + id + "."));
            }
            writer.put(ConfigKeys.subscription(id), sub.toJsonBytes());
            return AdminViews.subscription(sub, java.util.List.of(), clock.instant());
        }));
    }

    private void read(RoutingContext ctx) {
        Subscription sub = existing(ctx.pathParam("id"));
        AdminResponses.json(ctx, 200, AdminViews.subscription(sub, view.keysOf(sub.id()), clock.instant()));
    }

    private void patch(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonNode patch = AdminRequest.body(ctx);
        JsonNode patchId = patch.get("id");
        if (patchId != null && !id.equals(patchId.asText())) {
            throw new ApiException(AdminErrors.badField("id", "cannot be changed (the path names '" + id + "')"));
        }
        AdminRequest.answer(ctx, 200, writer.change(() -> {
            Subscription base = existing(id);
            Subscription changed = input.read(id, merged(base, patch), base, clock.instant().toString(),
                    Set.of("id"));
            writer.put(ConfigKeys.subscription(id), changed.toJsonBytes());
            return AdminViews.subscription(changed, view.keysOf(id), clock.instant());
        }));
    }

    /** The patch, with its limits merged into the current ones (a null limit removes that limit). */
    private static JsonNode merged(Subscription base, JsonNode patch) {
        JsonNode limits = patch.get("limits");
        if (limits == null || !limits.isObject()) {
            return patch;
        }
        ObjectNode current = Json.MAPPER.valueToTree(base.limits());
        limits.fields().forEachRemaining(e -> current.set(e.getKey(), e.getValue()));
        ObjectNode out = ((ObjectNode) patch).deepCopy();
        out.set("limits", current);
        return out;
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        AdminRequest.answer(ctx, 200, writer.change(() -> {
            existing(id);
            Instant now = clock.instant();
            int revoked = 0;
            // keys stay stored, revoked, so they can never be issued again
            for (ApiKeyEntry k : view.keysOf(id)) {
                if (!k.revoked()) {
                    writer.put(ConfigKeys.key(k.id()), k.revokedAt(now).toJsonBytes());
                    revoked++;
                }
            }
            writer.put(ConfigKeys.subscription(id), null);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("object", "subscription.deleted");
            out.put("id", id);
            out.put("deleted", true);
            out.put("keys_revoked", revoked);
            return out;
        }));
    }

    private Subscription existing(String id) {
        Subscription sub = view.subscription(id);
        if (sub == null) {
            throw new ApiException(AdminErrors.unknownSubscription(id));
        }
        return sub;
    }
}
