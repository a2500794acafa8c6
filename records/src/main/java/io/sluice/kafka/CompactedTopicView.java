package io.sluice.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
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
 * Follows a compacted topic in this process: reads every partition from the beginning (committed
 * records only), hands each record to {@code apply} in offset order, then keeps following.
 * {@link #start} returns once everything the topic held at start has been applied.
 */
public final class CompactedTopicView implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicView.class);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final BiConsumer<String, byte[]> apply;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private Map<TopicPartition, Long> startEnds;
    private volatile boolean running = true;

    private CompactedTopicView(Consumer<String, byte[]> consumer, String topic, BiConsumer<String, byte[]> apply) {
        this.consumer = consumer;
        this.topic = topic;
        this.apply = apply;
        this.thread = new Thread(this, "view-" + topic);
        this.thread.setDaemon(true);
    }

    /** @param apply gets each record's key and value (null: deleted), on the view's own thread */
    public static CompactedTopicView start(KafkaSettings kafka, String topic, String clientId,
            BiConsumer<String, byte[]> apply, Duration catchUpTimeout) {
        Map<String, Object> props = kafka.hotPathConsumer(clientId, null);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        CompactedTopicView view = new CompactedTopicView(new KafkaConsumer<>(props), topic, apply);
        view.begin(catchUpTimeout);
        return view;
    }

    private void begin(Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + topic + " does not exist; it is created at start with the "
                    + "other Sluice topics");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        startEnds = new HashMap<>(consumer.endOffsets(partitions, timeout));
        thread.start();
        try {
            if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new IllegalStateException("could not read topic " + topic + " within " + timeout.toSeconds()
                        + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while reading topic " + topic, e);
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        apply.accept(r.key(), r.value());
                    } catch (RuntimeException e) {
                        LOG.warn("ignoring a record of {} that could not be applied: {}", topic, e.toString());
                    }
                }
                if (caughtUp.getCount() > 0 && startEnds.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("view of {} stopped; changes no longer reach this instance", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
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
