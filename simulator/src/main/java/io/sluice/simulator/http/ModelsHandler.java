package io.sluice.simulator.http;

import io.sluice.simulator.openai.ApiError;
import io.sluice.simulator.openai.JsonText;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Serves {@code GET /v1/models} and {@code GET /v1/models/{id}} from bodies built once. */
final class ModelsHandler {

    /** The fixed {@code created} time of every simulated model (2024-01-01T00:00:00Z). */
    static final long CREATED = 1_704_067_200L;
    static final String OWNER = "sluice-simulator";

    private final String list;
    private final Map<String, String> byId = new LinkedHashMap<>();

    ModelsHandler(List<String> models) {
        StringBuilder json = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (String model : models) {
            String entry = "{\"id\":" + JsonText.quote(model) + ",\"object\":\"model\",\"created\":" + CREATED
                    + ",\"owned_by\":\"" + OWNER + "\"}";
            if (!byId.isEmpty()) {
                json.append(',');
            }
            byId.put(model, entry);
            json.append(entry);
        }
        this.list = json.append("]}").toString();
    }

    void list(RoutingContext ctx) {
        Replies.json(ctx.response(), 200, list);
    }

    void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String entry = byId.get(id);
        if (entry == null) {
            Replies.error(ctx.response(), ApiError.modelNotFound(id));
        } else {
            Replies.json(ctx.response(), 200, entry);
        }
    }
}
