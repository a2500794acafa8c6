package io.sluice.kafka;

import io.sluice.records.TopicNames;
import io.sluice.records.governance.GovernanceView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link GovernanceView} up to date: reads every partition of the config and spend topics
 * from the beginning, then follows them. {@link #start} returns once the view has caught up with
 * what the topics held at start, so a role that waits for it never serves with a stale view.
 */
public final class ConfigTopicReader implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigTopicReader.class);

    private final Consumer<String, byte[]> consumer;
    private final TopicNames topics;
    private final GovernanceView view;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private Map<TopicPartition, Long> startEnds;
    private volatile boolean running = true;

    ConfigTopicReader(Consumer<String, byte[]> consumer, TopicNames topics, GovernanceView view) {
        this.consumer = consumer;
        this.topics = topics;
        this.view = view;
        this.thread = new Thread(this, "governance-config-reader");
        this.thread.setDaemon(true);
    }

    /** Starts reading and waits until the view holds everything the topics held at start. */
    public static ConfigTopicReader start(KafkaSettings kafka, TopicNames topics, GovernanceView view, String clientId,
            Duration catchUpTimeout) {
        Map<String, Object> props = kafka.hotPathConsumer(clientId, null);
        // The spend topic is written in the ledger's transactions: only committed spend counts.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ConfigTopicReader reader = new ConfigTopicReader(new KafkaConsumer<>(props), topics, view);
        reader.begin(catchUpTimeout);
        return reader;
    }

    void begin(Duration catchUpTimeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.config(), topics.spend())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, catchUpTimeout);
            if (infos == null || infos.isEmpty()) {
                consumer.close();
                throw new IllegalStateException("topic " + topic + " does not exist; it is created at start "
                        + "with the other Sluice topics");
            }
            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        startEnds = new HashMap<>(consumer.endOffsets(partitions, catchUpTimeout));
        thread.start();
        try {
            if (!caughtUp.await(catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new IllegalStateException("could not read the configuration topic " + topics.config()
                        + " within " + catchUpTimeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while reading the configuration topic", e);
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.topic().equals(topics.config())) {
                        view.applyConfig(r.key(), r.value());
                    } else {
                        view.applySpend(r.key(), r.value());
                    }
                    view.markApplied(r.topic() + "-" + r.partition(), r.offset());
                }
                checkCaughtUp();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("configuration reader stopped; runtime configuration changes no longer reach this instance", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void checkCaughtUp() {
        if (caughtUp.getCount() == 0) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> e : startEnds.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return;
            }
        }
        caughtUp.countDown();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (Thread.currentThread() != thread && thread.isAlive()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
