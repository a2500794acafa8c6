package io.sluice.processors.batch;

/**
 * Whether a topic a producer named in {@code sluice-reply-to} exists, so results are never sent to a
 * topic that is not there (auto-creation is off in production clusters).
 */
@FunctionalInterface
public interface ReplyTopics {
    boolean exists(String topic);
}
