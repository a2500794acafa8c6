package io.sluice.egress.batch;

import io.sluice.egress.call.CallContext;
import io.sluice.egress.call.RequestExecution;
import io.sluice.egress.call.RetryAfter;
import io.sluice.egress.reply.ReplySink;
import io.sluice.records.ApiError;
import io.sluice.records.DispatchRecord;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyKind;
import io.sluice.records.ReplyRecord;
import io.sluice.records.UsageEvent;
import io.sluice.records.batch.BatchLine;
import io.sluice.records.batch.BatchOutcome;
import io.sluice.records.batch.BatchOutputLine;
import io.sluice.records.batch.LineError;
import io.vertx.core.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Headers;

/**
 * One batch line in egress: a {@link RequestExecution} (pool choice, breakers, pacing, failover,
 * usage) whose answer becomes the line's outcome instead of a reply. A line that failed for a
 * passing reason (429, 5xx, no backend available now) waits and runs again, with growing pauses,
 * until its deadline: batch work waits instead of failing. A line of a stopped batch, or past its
 * deadline, ends without a call.
 */
final class LineRun implements ReplySink {

    private final BatchLine line;
    private final DispatchRecord dispatch;
    private final Headers hops;
    private final CallContext calls;
    private final Context context;
    private final BatchEgressSettings settings;
    private final Predicate<String> stopped;
    private final Consumer<BatchOutcome> onOutcome;
    private final List<UsageEvent.Attempt> attempts = new ArrayList<>();
    private ReplyRecord reply;
    private UsageEvent usage;
    private int runs;

    LineRun(BatchLine line, DispatchRecord dispatch, Headers hops, CallContext calls, Context context,
            BatchEgressSettings settings, Predicate<String> stopped, Consumer<BatchOutcome> onOutcome) {
        this.line = line;
        this.dispatch = dispatch;
        this.hops = hops;
        // the same backends, breakers, pacers, observer and answer checks as interactive requests
        this.calls = new CallContext(calls.http(), calls.vertx(), this, calls.clock(), calls.backends(),
                calls.retry(), List.of(), calls.observer(), calls.guard());
        this.context = context;
        this.settings = settings;
        this.stopped = stopped;
        this.onOutcome = onOutcome;
    }

    DispatchRecord dispatch() {
        return dispatch;
    }

    /** Runs the line (on its context); {@code onOutcome} gets its outcome exactly once. */
    void start() {
        context.runOnContext(v -> attempt());
    }

    private void attempt() {
        if (line.batchId() != null && stopped.test(line.batchId())) {
            end(LineError.cancelled());
            return;
        }
        if (remainingMs() <= 0) {
            end(LineError.expired());
            return;
        }
        reply = null;
        usage = null;
        runs++;
        new RequestExecution(capped(), hops, calls, context, this::executionEnded).start();
    }

    @Override
    public void reply(PromptRecord prompt, Headers h, ReplyRecord r) {
        if (r.kind() == ReplyKind.RESPONSE || r.kind() == ReplyKind.ERROR) {
            reply = r;
        }
    }

    @Override
    public void usage(UsageEvent event) {
        usage = event;
    }

    private void executionEnded() {
        if (usage != null && usage.attempts() != null) {
            attempts.addAll(usage.attempts());
        }
        int status = reply == null ? 500 : reply.status();
        if (status == 504 && "timeout".equals(errorCode()) && remainingMs() <= 0) {
            end(LineError.expired());
            return;
        }
        long pause = pauseMs();
        if (passing(status) && pause < remainingMs()) {
            calls.vertx().setTimer(pause, id -> context.runOnContext(v -> attempt()));
            return;
        }
        UsageEvent.Builder u = (usage == null ? line.usage().status(status) : usage.toBuilder())
                .mode(UsageEvent.MODE_BATCH).batchId(line.batchId()).customId(line.customId())
                .attempts(attempts.isEmpty() ? null : attempts);
        byte[] body = reply == null ? new byte[0] : reply.body();
        onOutcome.accept(new BatchOutcome(line, status, BatchOutputLine.response(line.requestId(), line.customId(),
                status, line.requestId(), body), u.build()));
    }

    /** The dispatch with a deadline of one call at most: a hung backend holds a line for that long, not for its whole window. */
    private DispatchRecord capped() {
        PromptRecord p = dispatch.prompt();
        long deadline = Math.min(p.deadlineEpochMs(), calls.clock().millis() + settings.callTimeoutMs());
        return new DispatchRecord(new PromptRecord(p.requestId(), p.subscriptionId(), p.keyId(), p.model(),
                p.operation(), false, false, deadline, p.replyTopic(), p.attributes(), p.body()), dispatch.plan());
    }

    private void end(LineError error) {
        onOutcome.accept(BatchOutcome.failed(line, error, Instant.now(calls.clock()).toString()));
    }

    /** Failures that a later try may not meet: rate limits, server errors, no backend free now. */
    private static boolean passing(int status) {
        return status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    /** Doubling pauses from the configured first one, at least what a Retry-After asked for. */
    private long pauseMs() {
        long base = Math.min(settings.maxRetryBackoffMs(), settings.retryBackoffMs() << Math.min(20, runs - 1));
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        if (reply != null) {
            long asked = RetryAfter.millis(reply.responseHeaders().get("retry-after"),
                    reply.responseHeaders().get("retry-after-ms"), calls.clock().millis());
            jittered = Math.max(jittered, Math.min(settings.maxRetryBackoffMs(), asked));
        }
        return Math.max(1, jittered);
    }

    private String errorCode() {
        try {
            return ApiError.fromJson(reply.status(), reply.body()).code();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private long remainingMs() {
        return line.prompt().deadlineEpochMs() - calls.clock().millis();
    }
}
