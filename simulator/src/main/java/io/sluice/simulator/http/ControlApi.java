package io.sluice.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.simulator.FaultRule;
import io.sluice.simulator.ReceivedRequest;
import io.sluice.simulator.SimulatorControls;
import io.sluice.simulator.openai.ApiError;
import io.sluice.simulator.openai.JsonText;
import io.sluice.simulator.openai.RejectedRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code /_sim/*} control API: request log, faults, run-time config and stats, for out-of-process callers. */
final class ControlApi {

    private static final Set<String> CONFIG_FIELDS = Set.of("latency_ms", "tokens_per_second", "completion_tokens");

    private final SimulatorState state;

    ControlApi(SimulatorState state) {
        this.state = state;
    }

    void listRequests(RoutingContext ctx) {
        List<ReceivedRequest> requests = state.requests().all();
        ObjectNode json = JsonText.MAPPER.createObjectNode();
        json.put("count", state.requests().count());
        ArrayNode data = json.putArray("requests");
        for (ReceivedRequest request : requests) {
            ObjectNode entry = data.addObject();
            entry.put("method", request.method());
            entry.put("path", request.path());
            ObjectNode headers = entry.putObject("headers");
            request.headers().forEach(headers::put);
            entry.put("body", request.body());
            entry.put("received_at_millis", request.receivedAtMillis());
        }
        Replies.json(ctx.response(), 200, json.toString());
    }

    void clearRequests(RoutingContext ctx) {
        state.requests().clear();
        state.stats().clear();
        Replies.noContent(ctx.response());
    }

    void listFaults(RoutingContext ctx) {
        ObjectNode json = JsonText.MAPPER.createObjectNode();
        ArrayNode data = json.putArray("faults");
        for (FaultRule rule : state.faults().rules()) {
            data.add(FaultRuleJson.write(rule));
        }
        Replies.json(ctx.response(), 200, json.toString());
    }

    void addFault(RoutingContext ctx) {
        FaultRule rule = FaultRuleJson.read(JsonText.readObject(ctx.body().buffer()));
        state.faults().add(rule);
        Replies.json(ctx.response(), 201, FaultRuleJson.write(rule).toString());
    }

    void clearFaults(RoutingContext ctx) {
        state.faults().clear();
        Replies.noContent(ctx.response());
    }

    void getConfig(RoutingContext ctx) {
        Replies.json(ctx.response(), 200, configJson());
    }

    void putConfig(RoutingContext ctx) {
        JsonNode json = JsonText.readObject(ctx.body().buffer());
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CONFIG_FIELDS.contains(name)) {
                throw invalid(name, "Unknown config field '" + name + "'; accepted fields: " + CONFIG_FIELDS);
            }
        }
        SimulatorControls controls = state.controls();
        long latency = json.has("latency_ms") ? integer(json, "latency_ms") : controls.latencyMs();
        double tps = json.has("tokens_per_second") ? number(json, "tokens_per_second") : controls.tokensPerSecond();
        long tokens = json.has("completion_tokens") ? integer(json, "completion_tokens") : controls.completionTokens();
        if (tokens != (int) tokens) {
            throw invalid("completion_tokens", "Invalid 'completion_tokens': expected a 32-bit integer.");
        }
        try {
            controls.update(latency, tps, (int) tokens);
        } catch (IllegalArgumentException e) {
            throw invalid(null, "Invalid config: " + e.getMessage());
        }
        Replies.json(ctx.response(), 200, configJson());
    }

    void stats(RoutingContext ctx) {
        ObjectNode json = JsonText.MAPPER.createObjectNode();
        json.put("requests", state.stats().requests());
        ObjectNode byStatus = json.putObject("by_status");
        for (Map.Entry<Integer, Long> entry : state.stats().byStatus().entrySet()) {
            byStatus.put(String.valueOf(entry.getKey()), entry.getValue());
        }
        Replies.json(ctx.response(), 200, json.toString());
    }

    private String configJson() {
        SimulatorControls controls = state.controls();
        ObjectNode json = JsonText.MAPPER.createObjectNode();
        json.put("latency_ms", controls.latencyMs());
        json.put("tokens_per_second", controls.tokensPerSecond());
        json.put("completion_tokens", controls.completionTokens());
        return json.toString();
    }

    private static long integer(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalid(field, "Invalid '" + field + "': expected an integer.");
        }
        return node.longValue();
    }

    private static double number(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (!node.isNumber()) {
            throw invalid(field, "Invalid '" + field + "': expected a number.");
        }
        return node.doubleValue();
    }

    private static RejectedRequest invalid(String param, String message) {
        return new RejectedRequest(ApiError.invalidParam(param, message));
    }
}
