package io.sluice.processors.routing;

import io.sluice.processors.reply.NodeNames;
import io.sluice.processors.reply.Rejection;
import io.sluice.records.ApiError;
import io.sluice.records.DispatchRecord;
import io.sluice.records.Hop;
import io.sluice.records.Micros;
import io.sluice.records.Operation;
import io.sluice.records.PromptRecord;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Last stage: resolves the model to its backends and puts the request on the dispatch topic. */
public final class RoutingProcessor implements Processor<String, PromptRecord, String, Object> {

    private final Map<String, ModelRoute> routes;
    private final Clock clock;
    private ProcessorContext<String, Object> context;
    private Rejection rejection;

    public RoutingProcessor(Map<String, ModelRoute> routes, Clock clock) {
        this.routes = routes;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.rejection = new Rejection(clock);
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
        DispatchRecord dispatch = new DispatchRecord(prompt, route.backends());
        dispatch.writeTo(record.headers());
        Hop.PROCESSORS_OUT.stamp(record.headers(), Micros.now(clock));
        context.forward(new Record<String, Object>(prompt.requestId(), prompt.body(), record.timestamp(),
                record.headers()), NodeNames.DISPATCH_SINK);
    }
}
