package io.sluice.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one consumer on its own daemon thread and hands every record to a handler until closed.
 * Closing wakes the poll, waits for the thread and closes the consumer; an error that ends the loop
 * is logged with the owner's message. Optionally tracks when the records a topic held at start
 * have all been handed over.
 */
public final class ConsumerLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final long JOIN_MILLIS = 5_000;

    private final Consumer<String, byte[]> consumer;
    private final Duration pollTimeout;
    private final java.util.function.Consumer<ConsumerRecord<String, byte[]>> onRecord;
    private final Runnable beforeFirstPoll;
    private final String stoppedMessage;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile Map<TopicPartition, Long> catchUpEnds;
    private volatile boolean running = true;

    private ConsumerLoop(Builder b) {
        this.consumer = b.consumer;
        this.pollTimeout = b.pollTimeout;
        this.onRecord = b.onRecord;
        this.beforeFirstPoll = b.beforeFirstPoll;
        this.stoppedMessage = b.stoppedMessage;
        this.thread = new Thread(this::run, b.threadName);
        this.thread.setDaemon(true);
    }

    /** A loop over {@code consumer} that runs on a daemon thread named {@code threadName}. */
    public static Builder of(Consumer<String, byte[]> consumer, String threadName) {
        return new Builder(consumer, threadName);
    }

    /** Starts polling wherever the consumer is positioned (or {@code beforeFirstPoll} positions it). */
    public void start() {
        thread.start();
    }

    /**
     * Assigns {@code partitions} at their end, resolves the positions before returning (so nothing
     * written after this call is missed) and starts.
     */
    public void startFromEnd(Collection<TopicPartition> partitions, Duration timeout) {
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(p -> consumer.position(p, timeout));
        start();
    }

    /**
     * Assigns {@code partitions} at their beginning, starts, and waits until every record they held
     * at this call has been handed over.
     *
     * @return whether that happened within {@code timeout}; the loop keeps following either way
     */
    public boolean startFromBeginning(Collection<TopicPartition> partitions, Duration timeout)
            throws InterruptedException {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        catchUpTo(consumer.endOffsets(partitions, timeout));
        checkCaughtUp(); // an empty topic needs no poll
        start();
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Assigns every partition of {@code topics}, which must exist, at their beginning, starts, and
     * returns once every record they held at this call has been handed over: for an owner that
     * must not serve before it has caught up. On a timeout or any failure the loop is closed and an
     * {@link IllegalStateException} says {@code what} could not be read.
     */
    public void startCaughtUp(List<String> topics, Duration timeout, String what) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                partitions.addAll(TopicPartitions.ofExisting(consumer, topic, timeout));
            }
            if (!startFromBeginning(partitions, timeout)) {
                throw new IllegalStateException("could not read " + what + " within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while reading " + what, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Tracks, from the next poll on, whether the consumer has read up to {@code ends}. */
    public void catchUpTo(Map<TopicPartition, Long> ends) {
        catchUpEnds = Map.copyOf(ends);
    }

    /** Whether the consumer has read up to the offsets given to {@link #catchUpTo}. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    private void run() {
        try {
            beforeFirstPoll.run();
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(pollTimeout)) {
                    onRecord.accept(r);
                }
                checkCaughtUp();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error(stoppedMessage, e);
        } finally {
            consumer.close(CONSUMER_CLOSE_TIMEOUT);
        }
    }

    private void checkCaughtUp() {
        Map<TopicPartition, Long> ends = catchUpEnds;
        if (ends == null || caughtUp.getCount() == 0) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return;
            }
        }
        caughtUp.countDown();
    }

    /** Stops polling and closes the consumer, waiting up to 5 s for the thread; also closes a loop never started. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(CONSUMER_CLOSE_TIMEOUT);
        } else if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What a loop polls, how often, what it does with each record and what it logs if it fails. */
    public static final class Builder {

        private final Consumer<String, byte[]> consumer;
        private final String threadName;
        private Duration pollTimeout = Duration.ofMillis(100);
        private java.util.function.Consumer<ConsumerRecord<String, byte[]>> onRecord;
        private Runnable beforeFirstPoll = () -> { };
        private String stoppedMessage;

        private Builder(Consumer<String, byte[]> consumer, String threadName) {
            this.consumer = consumer;
            this.threadName = threadName;
        }

        /** How long each poll waits for records (100 ms unless set). */
        public Builder pollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
            return this;
        }

        /** Gets each record, on the loop's thread, in offset order per partition. */
        public Builder onRecord(java.util.function.Consumer<ConsumerRecord<String, byte[]>> onRecord) {
            this.onRecord = onRecord;
            return this;
        }

        /** Runs on the loop's thread before the first poll, e.g. to assign and position the consumer there. */
        public Builder beforeFirstPoll(Runnable beforeFirstPoll) {
            this.beforeFirstPoll = beforeFirstPoll;
            return this;
        }

        /** Logged at ERROR with the exception when the loop ends on an error (never include a secret). */
        public Builder stoppedMessage(String stoppedMessage) {
            this.stoppedMessage = stoppedMessage;
            return this;
        }

        public ConsumerLoop build() {
            if (onRecord == null) {
                throw new IllegalStateException("onRecord is required: what the loop does with each record");
            }
            if (stoppedMessage == null) {
                throw new IllegalStateException("stoppedMessage is required: what is logged when the loop fails");
            }
            return new ConsumerLoop(this);
        }
    }
}
