package io.sluice.processors.ledger;

import io.sluice.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the usage ledger in this process (exactly_once_v2, whatever the processors' setting). */
public final class LedgerRole implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerRole.class);

    private final KafkaStreams streams;
    private final LedgerQueries queries;

    private LedgerRole(KafkaStreams streams, LedgerQueries queries) {
        this.streams = streams;
        this.queries = queries;
    }

    /** Starts the ledger and waits until it runs, or fails after {@code timeout}. */
    public static LedgerRole start(LedgerConfig config, KafkaSettings kafka, Duration timeout) {
        KafkaStreams streams = new KafkaStreams(LedgerTopology.build(config), properties(config, kafka));
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("ledger thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        try {
            if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                streams.close(Duration.ofSeconds(5));
                throw new IllegalStateException("the usage ledger did not start within " + timeout.toSeconds()
                        + " s; check that Kafka is reachable at " + kafka.bootstrapServers());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            streams.close(Duration.ofSeconds(5));
            throw new IllegalStateException("interrupted while starting the usage ledger", e);
        }
        return new LedgerRole(streams, new LedgerQueries(streams, config.topics().usagePending()));
    }

    static Properties properties(LedgerConfig config, KafkaSettings kafka) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        // money is counted here: always exactly once
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.POLL_MS_CONFIG, 50);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        if (config.applicationServer() != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.applicationServer());
        }
        kafka.clientOverrides().forEach(p::put);
        return p;
    }

    public LedgerQueries queries() {
        return queries;
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        // leave the group, so a restarted instance gets its partitions at once, not after the session timeout
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(10)));
    }
}
