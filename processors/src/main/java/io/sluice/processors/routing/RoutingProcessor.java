package io.sluice.processors.routing;

import io.sluice.processors.reply.NodeNames;
import io.sluice.processors.reply.Rejection;
import io.sluice.records.ApiError;
import io.sluice.records.BackendHealth;
import io.sluice.records.DispatchRecord;
import io.sluice.records.Hop;
import io.sluice.records.Micros;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import io.sluice.records.RoutePlan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Last stage: resolves the model to its pool, leaves out the members whose circuit breaker is
 * open (from the backend-health global store), and puts the request on the dispatch topic with
 * its candidates in priority groups. When every member is open the request ends here with 503
 * and Retry-After (when the first one reopens).
 */
public final class RoutingProcessor implements Processor<String, PromptRecord, String, Object> {

    private final Map<String, ModelRoute> routes;
    private final Clock clock;
    private ProcessorContext<String, Object> context;
    private Rejection rejection;
    private KeyValueStore<String, byte[]> health;

    public RoutingProcessor(Map<String, ModelRoute> routes, Clock clock) {
        this.routes = routes;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.rejection = new Rejection(clock);
        this.health = context.getStateStore(BackendHealthStore.NAME);
    }

    @Override
    public void process(Record<String, PromptRecord> record) {
        PromptRecord prompt = record.value();
        ModelRoute route = routes.get(prompt.model());
        if (route == null) {
            rejection.reject(context, record, prompt, prompt.attribute(io.sluice.records.Attributes.AZURE_DEPLOYMENT) != null
                    ? ApiError.deploymentNotFound(prompt.model())
                    : ApiError.modelNotFound(prompt.model()));
            return;
        }
        if (route.operation() != prompt.operation()) {
            rejection.reject(context, record, prompt, ApiError.invalidRequest("model",
                    "The model '" + prompt.model() + "' is " + (route.operation() == Operation.EMBEDDINGS
                            ? "an embeddings model; call /v1/embeddings." : "a chat model; call /v1/chat/completions.")));
            return;
        }
        long now = clock.millis();
        List<BackendHealth> open = new ArrayList<>();
        RoutePlan plan = route.plan(backend -> {
            BackendHealth h = BackendHealthStore.read(health, backend);
            if (h != null && h.blocksAt(now)) {
                open.add(h);
                return true;
            }
            return false;
        });
        if (plan == null) {
            rejection.reject(context, record, prompt, everyBackendOpen(prompt.model(), open, now));
            return;
        }
        DispatchRecord dispatch = new DispatchRecord(prompt, plan);
        dispatch.writeTo(record.headers());
        Hop.PROCESSORS_OUT.stamp(record.headers(), Micros.now(clock));
        context.forward(new Record<String, Object>(prompt.requestId(), prompt.body(), record.timestamp(),
                record.headers()), NodeNames.DISPATCH_SINK);
    }

    private static ApiError everyBackendOpen(String model, List<BackendHealth> open, long now) {
        long soonest = open.stream().mapToLong(BackendHealth::openUntilMs).min().orElse(now + 1_000);
        StringBuilder why = new StringBuilder("every backend's circuit breaker is open: ");
        for (int i = 0; i < open.size(); i++) {
            BackendHealth h = open.get(i);
            why.append(i == 0 ? "" : ", ").append(h.backend()).append(" for ")
                    .append(Math.max(1, (h.openUntilMs() - now + 999) / 1_000)).append(" s");
        }
        return ApiError.backendsUnavailable(model, why.toString(), Math.max(1, (soonest - now + 999) / 1_000));
    }
}
