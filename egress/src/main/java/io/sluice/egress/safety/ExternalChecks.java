package io.sluice.egress.safety;

import io.sluice.records.safety.SafetyCheckRequest;
import io.sluice.records.safety.SafetyCheckRequest.ExternalCall;
import io.sluice.records.safety.SafetyVerdict;
import io.sluice.records.safety.SafetyVerdict.Result;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the external calls of one check request at once, each within the request's deadline, and
 * collects their raw results into a verdict. A call that fails or runs out of time is a result too.
 */
public final class ExternalChecks {

    private final Map<String, SafetyService> services;
    private final AzureContentSafety azure;
    private final OpenAiModeration moderation;
    private final Clock clock;

    public ExternalChecks(Map<String, SafetyService> services, HttpClient http, Vertx vertx, Clock clock) {
        this.services = Map.copyOf(services);
        ServiceCall call = new ServiceCall(http, vertx);
        this.azure = new AzureContentSafety(call);
        this.moderation = new OpenAiModeration(call);
        this.clock = clock;
    }

    public Future<SafetyVerdict> run(SafetyCheckRequest request) {
        List<Future<Result>> results = new ArrayList<>();
        for (ExternalCall c : request.checks()) {
            results.add(one(request, c));
        }
        return Future.join(results).transform(ignored -> Future.succeededFuture(new SafetyVerdict(request.requestId(),
                results.stream().map(Future::result).toList())));
    }

    private Future<Result> one(SafetyCheckRequest request, ExternalCall c) {
        long started = System.nanoTime();
        SafetyService service = services.get(c.service());
        if (service == null) {
            return Future.succeededFuture(Result.failed(c.id(), c.type(), c.service(), SafetyVerdict.ERROR, 0,
                    "service '" + c.service() + "' is not configured in this egress instance"));
        }
        long timeout = request.deadlineEpochMs() - clock.millis();
        Future<Result> call = switch (c.type()) {
            case "azure-text-analysis" -> azure.analyze(service, c, request.text(), timeout).map(a -> new Result(
                    c.id(), c.type(), c.service(), SafetyVerdict.OK, ms(started), a.severities(), null,
                    a.blocklistHits(), null, null, null));
            case "azure-prompt-shield" -> azure.shield(service, request.userPrompt(), request.documents(), timeout)
                    .map(s -> new Result(c.id(), c.type(), c.service(), SafetyVerdict.OK, ms(started), null, null,
                            null, s.userAttack(), s.documentAttack(), null));
            case "openai-moderation" -> moderation.moderate(service, request.text(), timeout).map(m -> new Result(
                    c.id(), c.type(), c.service(), SafetyVerdict.OK, ms(started), m.scores(), m.flagged(), null, null,
                    null, null));
            default -> Future.succeededFuture(Result.failed(c.id(), c.type(), c.service(), SafetyVerdict.ERROR, 0,
                    "unknown check type '" + c.type() + "'"));
        };
        return call.recover(e -> Future.succeededFuture(Result.failed(c.id(), c.type(), c.service(),
                e instanceof ServiceCall.ServiceTimeout ? SafetyVerdict.TIMEOUT : SafetyVerdict.ERROR, ms(started),
                e.getMessage())));
    }

    private static double ms(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e4) / 100.0;
    }
}
