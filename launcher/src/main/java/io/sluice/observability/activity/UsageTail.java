package io.sluice.observability.activity;

import io.sluice.kafka.KafkaSettings;
import io.sluice.records.MalformedRecordException;
import io.sluice.records.UsageEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of the usage topic (committed events, no consumer group), from the start
 * of the oldest day kept, so any instance shows the whole gateway: the dashboard's live figures and
 * the user activity per hour and day.
 */
public final class UsageTail implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageTail.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Clock clock;
    private final int days;
    private final LiveStats live = new LiveStats();
    private final ActivityBook activity;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private Map<TopicPartition, Long> endAtStart = Map.of();

    public UsageTail(KafkaSettings kafka, String clientId, String topic, int days, Clock clock) {
        Map<String, Object> p = new HashMap<>(kafka.hotPathConsumer(clientId, null));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(p);
        this.topic = topic;
        this.clock = clock;
        this.days = days;
        this.activity = new ActivityBook(days);
        this.thread = new Thread(this, "observability-usage-tail");
        this.thread.setDaemon(true);
    }

    public LiveStats live() {
        return live;
    }

    public ActivityBook activity() {
        return activity;
    }

    /** Whether the events written before this instance started have all been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public void start() {
        thread.start();
    }

    private void assign() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        consumer.assign(partitions);
        long from = Instant.now(clock).truncatedTo(ChronoUnit.DAYS).minus(days - 1L, ChronoUnit.DAYS).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, from));
        Map<TopicPartition, OffsetAndTimestamp> at = consumer.offsetsForTimes(query);
        List<TopicPartition> toEnd = new ArrayList<>();
        partitions.forEach(tp -> {
            OffsetAndTimestamp o = at.get(tp);
            if (o == null) {
                toEnd.add(tp);
            } else {
                consumer.seek(tp, o.offset());
            }
        });
        consumer.seekToEnd(toEnd);
        endAtStart = consumer.endOffsets(partitions);
    }

    @Override
    public void run() {
        try {
            assign();
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    add(r);
                }
                if (!caughtUp) {
                    caughtUp = endAtStart.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("usage tail stopped; the dashboard and /admin/activity no longer update", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void add(ConsumerRecord<String, byte[]> r) {
        UsageEvent e;
        try {
            e = UsageEvent.fromJson(r.value());
        } catch (MalformedRecordException ex) {
            return;
        }
        long now = clock.millis();
        long at = eventTime(e, r.timestamp());
        live.add(e, at, now);
        activity.add(e, at, now);
    }

    private static long eventTime(UsageEvent e, long recordTimestamp) {
        if (e.timestamp() != null) {
            try {
                return Instant.parse(e.timestamp()).toEpochMilli();
            } catch (DateTimeParseException ex) {
                // the record's own time below
            }
        }
        return recordTimestamp;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
