package io.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsumerLoopTest {

    private static final String TOPIC = "sluice.test";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private ConsumerLoop loop;

    @AfterEach
    void closeLoop() {
        if (loop != null) {
            loop.close();
        }
    }

    private ConsumerLoop.Builder recording() {
        return ConsumerLoop.of(consumer, "test-loop").onRecord(r -> {
            threads.add(Thread.currentThread().getName());
            seen.add(r.key());
        }).stoppedMessage("test loop stopped");
    }

    private void topicHolds(String... keys) {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, (long) keys.length));
    }

    /** One record already on the topic, with the consumer assigned to its partition. */
    private void topicHoldsAssigned(String key) {
        topicHolds(key);
        consumer.assign(List.of(P0));
        append(0, key);
    }

    private void append(long offset, String key) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, key, new byte[0]));
    }

    @Test
    void returnsFromStartFromBeginningOnceWhatTheTopicHeldIsHandedOver() throws InterruptedException {
        topicHolds("a", "b");
        loop = recording().build();
        consumer.schedulePollTask(() -> {
            append(0, "a");
            append(1, "b");
        });

        assertThat(loop.startFromBeginning(List.of(P0), TIMEOUT)).isTrue();

        assertThat(seen).containsExactly("a", "b");
        assertThat(threads).containsOnly("test-loop");
        assertThat(loop.caughtUp()).isTrue();
    }

    @Test
    void isCaughtUpWithoutPollingWhenTheTopicIsEmpty() throws InterruptedException {
        topicHolds();
        loop = recording().build();

        assertThat(loop.startFromBeginning(List.of(P0), TIMEOUT)).isTrue();
    }

    @Test
    void startCaughtUpFailsNamingWhatItReadsWhenTheTopicIsMissingAndClosesTheConsumer() {
        loop = recording().build();

        assertThatThrownBy(() -> loop.startCaughtUp(List.of(TOPIC), TIMEOUT, "the test topic"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic " + TOPIC + " does not exist");
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void startFromEndSkipsWhatTheTopicHeldAndFollowsWhatComesAfter() {
        topicHoldsAssigned("old");
        loop = recording().build();

        loop.startFromEnd(List.of(P0), TIMEOUT);
        consumer.schedulePollTask(() -> append(1, "new"));

        await().atMost(TIMEOUT).until(() -> seen.contains("new"));
        assertThat(seen).containsExactly("new");
    }

    @Test
    void runsBeforeFirstPollOnTheLoopThreadAndClosesTheConsumerWhenClosed() {
        topicHolds();
        loop = recording().beforeFirstPoll(() -> {
            threads.add(Thread.currentThread().getName());
            consumer.assign(List.of(P0));
        }).build();

        loop.start();
        await().atMost(TIMEOUT).until(() -> threads.contains("test-loop"));
        loop.close();

        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aHandlerErrorEndsTheLoopAndClosesTheConsumer() {
        topicHoldsAssigned("bad");
        loop = ConsumerLoop.of(consumer, "test-loop").onRecord(r -> {
            throw new IllegalArgumentException("unreadable");
        }).stoppedMessage("test loop stopped").build();

        loop.start();

        await().atMost(TIMEOUT).until(consumer::closed);
    }

    @Test
    void closingALoopNeverStartedClosesItsConsumer() {
        loop = recording().build();

        loop.close();

        assertThat(consumer.closed()).isTrue();
    }
}
