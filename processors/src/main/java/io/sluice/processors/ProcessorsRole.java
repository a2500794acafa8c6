package io.sluice.processors;

import io.sluice.kafka.KafkaSettings;
import io.sluice.processors.reply.ReplyTopicGoneHandler;
import io.sluice.processors.stage.StageChain;
import io.sluice.processors.stage.StageWatch;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the processors topology in this process. */
public final class ProcessorsRole implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorsRole.class);

    private final KafkaStreams streams;

    private ProcessorsRole(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Starts the topology and waits until it is running, or fails after {@code timeout}. */
    public static ProcessorsRole start(ProcessorsConfig config, KafkaSettings kafka, Clock clock, Duration timeout) {
        return start(config, kafka, clock, timeout, StageWatch.NONE);
    }

    /** Starts the topology with {@code watch} told of every stage's work (tracing). */
    public static ProcessorsRole start(ProcessorsConfig config, KafkaSettings kafka, Clock clock, Duration timeout,
            StageWatch watch) {
        Topology topology = GatewayTopology.build(config, clock, StageChain.standard(config, clock), watch);
        KafkaStreams streams = new KafkaStreams(topology, streamsProperties(config, kafka));
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        try {
            if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                streams.close(Duration.ofSeconds(5));
                throw new IllegalStateException("the processors did not start within " + timeout.toSeconds()
                        + " s; check that Kafka is reachable at " + kafka.bootstrapServers());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            streams.close(Duration.ofSeconds(5));
            throw new IllegalStateException("interrupted while starting the processors", e);
        }
        return new ProcessorsRole(streams);
    }

    /** Streams settings for the hot path: nothing waits to batch. */
    static Properties streamsProperties(ProcessorsConfig config, KafkaSettings kafka) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                config.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.POLL_MS_CONFIG, 50);
        // Streams defaults its producers to linger.ms=100: the hot path must not wait to batch.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_BLOCK_MS_CONFIG), 10_000);
        // One request in flight: adaptive batching under load without a timed wait (see KafkaSettings).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 100);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ReplyTopicGoneHandler.class);
        p.put(ReplyTopicGoneHandler.REPLIES_PREFIX_CONFIG, config.topics().repliesPrefix());
        kafka.clientOverrides().forEach(p::put);
        return p;
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        // Leaving the group lets a restarted instance take its partitions back at once, instead of
        // after the session timeout.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(10)));
    }
}
