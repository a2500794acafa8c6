package io.sluice.egress.call;

import io.sluice.egress.finish.FinishListener;
import io.sluice.egress.observe.AttemptWatch;
import io.sluice.egress.pool.LiveBackend;
import io.sluice.egress.pool.Selection;
import io.sluice.egress.safety.ResponseGuard;
import io.sluice.egress.safety.StreamGuard;
import io.sluice.egress.usage.CompletionCounter;
import io.sluice.egress.usage.TokenUsage;
import io.sluice.egress.usage.UsageScanner;
import io.sluice.records.ApiError;
import io.sluice.records.Attributes;
import io.sluice.records.DispatchRecord;
import io.sluice.records.Hop;
import io.sluice.records.Micros;
import io.sluice.records.PromptRecord;
import io.sluice.records.ReplyRecord;
import io.sluice.records.RoutePlan;
import io.sluice.records.UsageEvent;
import io.vertx.core.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request, from its dispatch record to its last reply record and its usage event: a loop of
 * backend attempts over its pool. A retriable failure (429, 5xx, connection error, timeout
 * before the first byte) moves on to the next available member after a jittered pause, while
 * nothing has reached the client, within the attempt limit and the deadline. When every member
 * is only at capacity the request waits, bounded by its deadline. Runs on one Vert.x event-loop
 * context; {@link #cancel()} may be called from any thread.
 */
public final class RequestExecution implements BackendAttempt.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(RequestExecution.class);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.UTF_8);

    private final PromptRecord prompt;
    private final RoutePlan plan;
    private final Headers hops;
    private final CallContext ctx;
    private final Context context;
    private final Runnable onFinished;
    private final long estimatedTokens;
    private final List<UsageEvent.Attempt> attempts = new ArrayList<>();
    private final Set<String> tried = new HashSet<>();
    private final Map<String, Long> askedToWaitMs = new LinkedHashMap<>();
    private final List<byte[]> relayed = new ArrayList<>();
    private final List<byte[]> chunks = new ArrayList<>();

    private BackendAttempt current;
    private AttemptWatch watch = AttemptWatch.NONE;
    private AttemptFailure lastFailure;
    private LiveBackend answering;
    private FinishListener.Answer answer;
    private long deadlineTimer = -1;
    private long pauseTimer = -1;
    private boolean finished;
    private int seq;
    private TokenUsage usage;
    private long firstChunkMicros = -1;
    private StreamGuard streamGuard = StreamGuard.NONE;

    public RequestExecution(DispatchRecord dispatch, Headers hops, CallContext ctx, Context context,
            Runnable onFinished) {
        this.prompt = dispatch.prompt();
        this.plan = dispatch.plan();
        this.hops = hops;
        this.ctx = ctx;
        this.context = context;
        this.onFinished = onFinished;
        // Reserved against a token capacity before the call, settled with the real count after it.
        this.estimatedTokens = Math.max(1, prompt.body().length / 4);
    }

    public String requestId() {
        return prompt.requestId();
    }

    /** Starts the request on this execution's context. */
    public void start() {
        context.runOnContext(v -> begin());
    }

    /** The client went away: abandon the call; no reply is written. */
    public void cancel() {
        context.runOnContext(v -> {
            if (!finished) {
                abandonCurrent("cancelled");
                finish(499, "client_closed");
            }
        });
    }

    private void begin() {
        long remaining = remainingMs();
        if (remaining <= 0) {
            fail(ApiError.deadlineExceeded(timeoutMs()));
            return;
        }
        deadlineTimer = ctx.vertx().setTimer(remaining, id -> onDeadline());
        if (ctx.guard() != null && prompt.stream()) {
            streamGuard = ctx.guard().open(prompt);
        }
        next();
    }

    /** Chooses and starts the next attempt, waits for capacity, or ends the request. */
    private void next() {
        pauseTimer = -1;
        if (finished) {
            return;
        }
        if (attempts.size() >= ctx.retry().maxAttempts()) {
            exhausted("attempt limit of " + ctx.retry().maxAttempts() + " reached", 0);
            return;
        }
        Selection selection = ctx.backends().select(plan, tried, estimatedTokens);
        if (selection instanceof Selection.Chosen chosen) {
            launch(chosen);
        } else if (selection instanceof Selection.Wait wait) {
            if (wait.ms() >= remainingMs()) {
                exhausted("every backend is at its capacity", wait.ms());
            } else {
                pauseTimer = ctx.vertx().setTimer(wait.ms(), id -> next());
            }
        } else if (selection instanceof Selection.NoneLeft none) {
            exhausted(none.detail(), none.retryAfterMs());
        }
    }

    private void launch(Selection.Chosen chosen) {
        tried.add(chosen.backend().id());
        if (Hop.BACKEND_START.read(hops) < 0) {
            Hop.BACKEND_START.stamp(hops, Micros.now(ctx.clock()));
        }
        chosen.backend().load().started();
        current = new BackendAttempt(prompt, chosen, ctx, this);
        watch = ctx.observer().attemptStarted(prompt, chosen.backend().id(), attempts.size() + 1);
        current.start(remainingMs(), watch.outgoingHeaders());
    }

    @Override
    public void answered(BackendAttempt attempt, int status, byte[] body, TokenUsage found) {
        if (attempt != current || finished) {
            return;
        }
        usage = found;
        endAttempt(attempt, status, "success", null);
        answering = attempt.backend();
        Hop.BACKEND_FIRST_BYTE.stamp(hops, attempt.firstByteMicros());
        Hop.BACKEND_END.stamp(hops, Micros.now(ctx.clock()));
        byte[] sent = body;
        boolean filtered = false;
        if (status / 100 == 2 && ctx.guard() != null) {
            ResponseGuard.Verdict verdict = ctx.guard().check(prompt, body);
            sent = verdict.body();
            filtered = verdict.filtered();
        }
        // A blocked answer is never kept (by a cache or anyone else).
        answer = filtered ? null : new FinishListener.Answer(status, sent, null);
        ctx.writer().reply(prompt, hops, ReplyRecord.response(prompt.requestId(), status, prompt.responseHeaders(),
                sent));
        finish(status, null);
    }

    @Override
    public void event(BackendAttempt attempt, byte[] data) {
        if (attempt != current || finished) {
            return;
        }
        if (Arrays.equals(data, DONE)) {
            attempt.complete();
            streamEnded(attempt);
            return;
        }
        boolean usageChunk = false;
        if (UsageScanner.carriesUsage(data)) {
            try {
                Optional<TokenUsage> found = UsageScanner.scan(data);
                if (found.isPresent()) {
                    usage = found.get();
                    usageChunk = UsageScanner.isUsageOnly(data);
                }
            } catch (IOException e) {
                // relayed as is; the client sees what the backend sent
            }
        }
        if (usageChunk && !prompt.includeUsage()) {
            return;
        }
        if (seq == 0) {
            // From here on the client has part of this answer: no failover any more.
            answering = attempt.backend();
            Hop.BACKEND_FIRST_BYTE.stamp(hops, attempt.firstByteMicros());
            firstChunkMicros = Micros.now(ctx.clock());
        }
        if (usage == null) {
            chunks.add(data);
        }
        if (!usageChunk) {
            StreamGuard.Step step = streamGuard.onChunk(data);
            if (step.stop()) {
                stopFiltered(attempt, step.replacement());
                return;
            }
        }
        if (!ctx.listeners().isEmpty()) {
            relayed.add(data);
        }
        ctx.writer().reply(prompt, hops, ReplyRecord.chunk(prompt.requestId(), seq,
                seq == 0 ? prompt.responseHeaders() : Map.of(), data));
        if (watch != AttemptWatch.NONE) {
            watch.chunk(Micros.now(ctx.clock()));
        }
        seq++;
    }

    /**
     * The answer-side safety check stopped the stream: the client gets {@code last} (a chunk with
     * {@code finish_reason: "content_filter"}), the usage chunk if asked for, and the end; the
     * backend call is dropped; the answer is not kept.
     */
    private void stopFiltered(BackendAttempt attempt, byte[] last) {
        if (usage == null) {
            String estimate = prompt.attribute(Attributes.QUOTA_PROMPT_TOKENS);
            usage = new TokenUsage(estimate == null ? 0 : Long.parseLong(estimate),
                    CompletionCounter.countChunks(prompt.model(), chunks), null);
        }
        endAttempt(attempt, 200, "success", null);
        attempt.abort();
        answering = attempt.backend();
        ctx.writer().reply(prompt, hops, ReplyRecord.chunk(prompt.requestId(), seq,
                seq == 0 ? prompt.responseHeaders() : Map.of(), last));
        seq++;
        if (prompt.includeUsage()) {
            ctx.writer().reply(prompt, hops, ReplyRecord.chunk(prompt.requestId(), seq++, Map.of(),
                    FilteredStreamEnd.usageChunk(relayed.isEmpty() ? chunks : relayed, prompt.model(), usage)));
        }
        Hop.BACKEND_END.stamp(hops, Micros.now(ctx.clock()));
        ctx.writer().reply(prompt, hops, ReplyRecord.end(prompt.requestId(), seq++));
        answer = null;
        finish(200, null);
    }

    @Override
    public void streamEnded(BackendAttempt attempt) {
        if (attempt != current || finished) {
            return;
        }
        streamGuard.onEnd();
        if (usage == null) {
            usage = new TokenUsage(0, CompletionCounter.countChunks(prompt.model(), chunks), null);
        }
        endAttempt(attempt, 200, "success", null);
        answering = attempt.backend();
        Hop.BACKEND_END.stamp(hops, Micros.now(ctx.clock()));
        ctx.writer().reply(prompt, hops, ReplyRecord.end(prompt.requestId(), seq++));
        answer = new FinishListener.Answer(200, null, List.copyOf(relayed));
        finish(200, null);
    }

    @Override
    public void failed(BackendAttempt attempt, AttemptFailure failure) {
        if (attempt != current || finished) {
            return;
        }
        AttemptFailure f = seq > 0
                ? AttemptFailure.of(AttemptFailure.Kind.STREAM_BROKEN, "closed the stream before it ended")
                : failure;
        if (seq > 0) {
            streamGuard.onEnd();
        }
        endAttempt(attempt, f.status(), f.kind().outcome(), f);
        LOG.debug("request {}: backend {} failed: {}", prompt.requestId(), attempt.backend().id(), f.detail());
        lastFailure = f;
        answering = attempt.backend();
        if (f.retryAfterMs() > 0) {
            askedToWaitMs.put(attempt.backend().id(), f.retryAfterMs());
        }
        if (!f.retriable() || seq > 0) {
            deliver(f, attempt);
            return;
        }
        if (plan.size() == 1) {
            exhausted("the other members' circuit breakers are open", 0);
            return;
        }
        long pause = ctx.retry().pauseMs(attempts.size(), ThreadLocalRandom.current());
        if (pause >= remainingMs()) {
            exhausted("no time left to fail over", 0);
        } else if (pause == 0) {
            next();
        } else {
            pauseTimer = ctx.vertx().setTimer(pause, id -> next());
        }
    }

    /** Settles the attempt with its backend's breaker, pacer and load, and lists it for the usage event. */
    private void endAttempt(BackendAttempt attempt, int status, String outcome, AttemptFailure failure) {
        current = null;
        LiveBackend b = attempt.backend();
        Selection.Chosen chosen = attempt.chosen();
        double ms = (Micros.now(ctx.clock()) - attempt.startedMicros()) / 1000.0;
        attempts.add(new UsageEvent.Attempt(b.id(), status, outcome, ms));
        watch.ended(status, outcome, failure == null && usage != null ? usage.promptTokens() : 0,
                failure == null && usage != null ? usage.completionTokens() : 0);
        b.load().finished();
        if (failure == null) {
            b.breaker().onSuccess(chosen.permit());
            b.pacer().settle(chosen.reservation(), usage == null ? 0 : usage.promptTokens() + usage.completionTokens());
            long firstEvent = attempt.firstEventMicros();
            b.load().latency(prompt.stream() && firstEvent > 0 ? (firstEvent - attempt.startedMicros()) / 1000.0 : ms);
        } else {
            if (failure.countsFor(b.breaker().settings())) {
                b.breaker().onFailure(chosen.permit(), failure.detail(), failure.retryAfterMs());
            } else {
                b.breaker().release(chosen.permit());
            }
            b.pacer().settle(chosen.reservation(), 0);
        }
    }

    /** The request ends while an attempt is out: abandon it without judging the backend. */
    private void abandonCurrent(String outcome) {
        if (pauseTimer >= 0) {
            ctx.vertx().cancelTimer(pauseTimer);
            pauseTimer = -1;
        }
        BackendAttempt attempt = current;
        answering = null;
        if (attempt == null) {
            return;
        }
        current = null;
        attempt.abort();
        LiveBackend b = attempt.backend();
        attempts.add(new UsageEvent.Attempt(b.id(), 0, outcome,
                (Micros.now(ctx.clock()) - attempt.startedMicros()) / 1000.0));
        watch.ended(0, outcome, 0, 0);
        answering = b;
        b.load().finished();
        b.breaker().release(attempt.chosen().permit());
    }

    /** No member is left (or time or attempts ran out) after the failures so far. */
    private void exhausted(String detail, long retryAfterMs) {
        if (lastFailure != null && plan.poolSize() == 1) {
            deliver(lastFailure, null);
            return;
        }
        answering = null;
        long seconds = Math.max(1, (Math.max(retryAfterMs, soonestRetryMs()) + 999) / 1_000);
        fail(ApiError.backendsUnavailable(prompt.model(), FailureAnswers.tried(detail, attempts), seconds));
    }

    /** The soonest any member will take calls again, as far as this instance knows (at least a second). */
    private long soonestRetryMs() {
        long now = ctx.clock().millis();
        long soonest = Long.MAX_VALUE;
        for (String id : plan.backends()) {
            LiveBackend b = ctx.backends().get(id);
            if (b == null) {
                continue;
            }
            long at = Math.max(b.breaker().availableAtMs(), now + askedToWaitMs.getOrDefault(id, 0L));
            soonest = Math.min(soonest, at - now);
        }
        return soonest == Long.MAX_VALUE ? 1_000 : Math.max(1_000, soonest);
    }

    /** The client gets this failure: a backend's own 4xx as it was, anything else as a 502. */
    private void deliver(AttemptFailure f, BackendAttempt attempt) {
        if (attempt != null && attempt.firstByteMicros() > 0) {
            Hop.BACKEND_FIRST_BYTE.stamp(hops, attempt.firstByteMicros());
        }
        Hop.BACKEND_END.stamp(hops, Micros.now(ctx.clock()));
        if (FailureAnswers.passesThrough(f)) {
            ctx.writer().reply(prompt, hops, FailureAnswers.passThrough(prompt, f));
            String code = FailureAnswers.errorCode(f);
            finish(f.status(), code == null ? "backend_" + f.status() : code);
        } else {
            fail(FailureAnswers.backendError(f, answering == null ? "?" : answering.id()));
        }
    }

    private void onDeadline() {
        deadlineTimer = -1;
        if (!finished) {
            abandonCurrent("deadline");
            fail(ApiError.deadlineExceeded(timeoutMs()));
        }
    }

    private long remainingMs() {
        return prompt.deadlineEpochMs() - ctx.clock().millis();
    }

    private long timeoutMs() {
        long received = Hop.INGRESS_RECEIVED.read(hops) / 1000;
        return received > 0 ? prompt.deadlineEpochMs() - received : 0;
    }

    private void fail(ApiError error) {
        Map<String, String> headers = new LinkedHashMap<>(prompt.responseHeaders());
        if (error.retryAfterSeconds() > 0) {
            headers.put("retry-after", Long.toString(error.retryAfterSeconds()));
        }
        ctx.writer().reply(prompt, hops, ReplyRecord.error(prompt.requestId(), error, headers));
        if (usage == null && !chunks.isEmpty()) {
            usage = new TokenUsage(0, CompletionCounter.countChunks(prompt.model(), chunks), null);
        }
        finish(error.status(), error.code());
    }

    private void finish(int status, String errorCode) {
        if (finished) {
            return;
        }
        finished = true;
        if (deadlineTimer >= 0) {
            ctx.vertx().cancelTimer(deadlineTimer);
        }
        if (pauseTimer >= 0) {
            ctx.vertx().cancelTimer(pauseTimer);
        }
        long now = Micros.now(ctx.clock());
        long received = Hop.INGRESS_RECEIVED.read(hops);
        // Only the attempt that answered is billed; failed attempts carry no tokens.
        TokenUsage u = usage == null || (status / 100 != 2 && seq == 0) ? TokenUsage.NONE : usage;
        UsageEvent event = UsageEvent.builder()
                .from(prompt)
                .backend(answering == null ? null : answering.id())
                .status(status)
                .errorCode(errorCode)
                .promptTokens(u.promptTokens())
                .completionTokens(u.completionTokens())
                .cachedTokens(u.cachedTokens())
                // the cache stage marks what it decided (miss, bypass) on the response headers
                .cache(prompt.responseHeaders().get("x-sluice-cache"))
                .attempts(attempts.isEmpty() ? null : attempts)
                .latencyMs(received > 0 ? (now - received) / 1000.0 : 0)
                .ttftMs(prompt.stream() && firstChunkMicros > 0 && received > 0
                        ? (firstChunkMicros - received) / 1000.0 : null)
                .timestamp(Instant.now(ctx.clock()).toString())
                .build();
        ctx.writer().usage(event);
        for (FinishListener l : ctx.listeners()) {
            try {
                l.finished(prompt, event, status / 100 == 2 ? answer : null);
            } catch (RuntimeException e) {
                LOG.error("request {}: finish listener failed", prompt.requestId(), e);
            }
        }
        onFinished.run();
    }
}
