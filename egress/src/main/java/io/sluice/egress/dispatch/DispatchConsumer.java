package io.sluice.egress.dispatch;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a dispatch topic in a consumer group and hands each record to a {@link DispatchHandler}
 * without waiting for it: many calls are in flight per partition, bounded by {@code maxInFlight}
 * (at the bound, the partitions are paused). Offsets are committed only up to work that has
 * finished.
 */
public final class DispatchConsumer implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchConsumer.class);
    private static final long COMMIT_EVERY_MS = 200;

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final DispatchHandler handler;
    private final int maxInFlight;
    private final Map<TopicPartition, PartitionOffsets> offsets = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final RecentRequests recent = new RecentRequests(100_000);
    private volatile boolean running = true;
    private boolean paused;
    private long lastCommit;
    private final Thread thread;
    private final DoubleConsumer onShare;

    public DispatchConsumer(Consumer<String, byte[]> consumer, String topic, DispatchHandler handler, int maxInFlight,
            String threadName) {
        this(consumer, topic, handler, maxInFlight, threadName, share -> { });
    }

    /**
     * @param onShare learns this instance's share of the topic's partitions after every rebalance:
     *                the part of the work it takes, which scales the backends' declared capacity
     */
    public DispatchConsumer(Consumer<String, byte[]> consumer, String topic, DispatchHandler handler, int maxInFlight,
            String threadName, DoubleConsumer onShare) {
        this.onShare = onShare;
        this.consumer = consumer;
        this.topic = topic;
        this.handler = handler;
        this.maxInFlight = maxInFlight;
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(topic), new Rebalance());
        try {
            while (running) {
                applyBackpressure();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    take(r);
                }
                commitIfDue(false);
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("dispatch consumer of {} stopped", topic, e);
        } finally {
            try {
                commitIfDue(true);
            } catch (RuntimeException e) {
                LOG.warn("final commit failed: {}", e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void take(ConsumerRecord<String, byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        PartitionOffsets po = offsets.computeIfAbsent(tp, k -> new PartitionOffsets());
        po.started(r.offset());
        String requestId = r.key();
        if (requestId != null && !recent.firstTime(requestId)) {
            po.finished(r.offset());
            return;
        }
        inFlight.incrementAndGet();
        long offset = r.offset();
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            handler.handle(r, () -> {
                if (once.compareAndSet(false, true)) {
                    po.finished(offset);
                    inFlight.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            LOG.error("request {}: could not be taken on", requestId, e);
            if (once.compareAndSet(false, true)) {
                po.finished(offset);
                inFlight.decrementAndGet();
            }
        }
    }

    private void applyBackpressure() {
        boolean full = inFlight.get() >= maxInFlight;
        if (full && !paused) {
            consumer.pause(consumer.assignment());
            paused = true;
        } else if (!full && paused) {
            consumer.resume(consumer.assignment());
            paused = false;
        }
    }

    private void commitIfDue(boolean sync) {
        long now = System.currentTimeMillis();
        if (!sync && now - lastCommit < COMMIT_EVERY_MS) {
            return;
        }
        lastCommit = now;
        Map<TopicPartition, OffsetAndMetadata> commit = committable(offsets.keySet());
        if (commit.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(commit);
        } else {
            consumer.commitAsync(commit, (done, e) -> {
                if (e != null) {
                    LOG.debug("commit failed, will retry: {}", e.toString());
                }
            });
        }
        commit.forEach((tp, om) -> lastCommitted.put(tp, om.offset()));
    }

    private Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionOffsets po = offsets.get(tp);
            if (po == null) {
                continue;
            }
            long c = po.committable();
            if (c >= 0 && !Long.valueOf(c).equals(lastCommitted.get(tp))) {
                commit.put(tp, new OffsetAndMetadata(c));
            }
        }
        return commit;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> commit = committable(partitions);
            if (!commit.isEmpty()) {
                try {
                    consumer.commitSync(commit);
                } catch (RuntimeException e) {
                    LOG.warn("commit on revocation failed: {}", e.toString());
                }
            }
            partitions.forEach(tp -> {
                offsets.remove(tp);
                lastCommitted.remove(tp);
            });
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions);
            }
            reportShare();
        }

        private void reportShare() {
            try {
                int total = consumer.partitionsFor(topic).size();
                int mine = consumer.assignment().size();
                if (total > 0 && mine > 0) {
                    onShare.accept((double) mine / total);
                }
            } catch (RuntimeException e) {
                LOG.debug("could not work out this instance's share of {}: {}", topic, e.toString());
            }
        }
    }
}
