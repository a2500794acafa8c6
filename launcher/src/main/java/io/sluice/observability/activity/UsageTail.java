package io.sluice.observability.activity;

import io.sluice.kafka.ConsumerLoop;
import io.sluice.kafka.KafkaSettings;
import io.sluice.kafka.TopicPartitions;
import io.sluice.records.MalformedRecordException;
import io.sluice.records.UsageEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows every partition of the usage topic (committed events, no consumer group), from the start
 * of the oldest day kept, so any instance shows the whole gateway: the dashboard's live figures and
 * the user activity per hour and day.
 */
public final class UsageTail implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Clock clock;
    private final int days;
    private final LiveStats live = new LiveStats();
    private final ActivityBook activity;
    private final ConsumerLoop loop;

    public UsageTail(KafkaSettings kafka, String clientId, String topic, int days, Clock clock) {
        Map<String, Object> p = new HashMap<>(kafka.hotPathConsumer(clientId, null));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(p);
        this.topic = topic;
        this.clock = clock;
        this.days = days;
        this.activity = new ActivityBook(days);
        this.loop = ConsumerLoop.of(consumer, "observability-usage-tail")
                .pollTimeout(Duration.ofMillis(200))
                .beforeFirstPoll(this::assign)
                .onRecord(this::add)
                .stoppedMessage("usage tail stopped; the dashboard and /admin/activity no longer update")
                .build();
    }

    public LiveStats live() {
        return live;
    }

    public ActivityBook activity() {
        return activity;
    }

    /** Whether the events written before this instance started have all been read. */
    public boolean caughtUp() {
        return loop.caughtUp();
    }

    public void start() {
        loop.start();
    }

    private void assign() {
        List<TopicPartition> partitions = TopicPartitions.of(consumer, topic, Duration.ofSeconds(30));
        consumer.assign(partitions);
        long from = Instant.now(clock).truncatedTo(ChronoUnit.DAYS).minus(days - 1L, ChronoUnit.DAYS).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, from));
        TopicPartitions.seekToTimes(consumer, query);
        loop.catchUpTo(consumer.endOffsets(partitions));
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
        loop.close();
    }
}
