package io.sluice.processors.stage;

import io.sluice.records.PromptRecord;
import io.sluice.records.TopicNames;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * One step of the interactive path between admission and routing: a quota check, a safety check,
 * a cache lookup. Its processor forwards a request it admits to the child named {@code next},
 * or ends the request itself (an error through {@link io.sluice.processors.reply.Rejection}, or an
 * answer on the reply sink) together with the request's one usage event.
 */
public interface Stage {

    /** The node name in the topology; unique within it. */
    String name();

    /** A new processor instance (Streams makes one per task). */
    Processor<String, PromptRecord, String, Object> processor(String next);

    /** State stores the processor uses; they are connected to it. */
    default List<StoreBuilder<?>> stores() {
        return List.of();
    }

    /**
     * Nodes this stage adds before its processor whose records its processor takes as well (for
     * example a source of answers to an asynchronous check it asked for); returns their names. They
     * must forward {@link PromptRecord} values.
     */
    default List<String> inputs(Topology topology, TopicNames topics) {
        return List.of();
    }

    /** Anything else this stage adds to the topology (other sources, sinks), after the chain is built. */
    default void extend(Topology topology, TopicNames topics) {
    }
}
