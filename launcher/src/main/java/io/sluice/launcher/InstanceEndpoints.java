package io.sluice.launcher;

import io.sluice.ingress.admin.AdminEndpoints;
import io.sluice.ingress.admin.AdminResponses;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /admin/instance}: what this process runs and where. */
final class InstanceEndpoints implements AdminEndpoints {

    private final Gateway gateway;

    InstanceEndpoints(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void mount(Router admin, Vertx vertx) {
        admin.get("/instance").handler(ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("instance_id", gateway.config().server().instanceId());
            body.put("roles", gateway.config().roles().stream().map(r -> r.name().toLowerCase()).toList());
            body.put("kafka", gateway.bootstrapServers());
            body.put("topic_prefix", gateway.config().kafka().topicPrefix());
            body.put("models", gateway.config().models().keySet());
            body.put("open_exchanges", gateway.ingress() == null ? 0 : gateway.ingress().openExchanges());
            body.put("egress_in_flight", gateway.egress() == null ? 0 : gateway.egress().inFlight());
            AdminResponses.json(ctx, 200, body);
        });
    }
}
