package io.sluice.ingress.governance;

import io.sluice.ingress.admin.AdminEndpoints;
import io.sluice.ingress.admin.AdminResponses;
import io.sluice.ingress.http.ApiException;
import io.sluice.ingress.http.ErrorResponses;
import io.sluice.records.ApiError;
import io.sluice.records.governance.GovernanceView;
import io.sluice.records.governance.UsageGranularity;
import io.sluice.records.governance.UsageTotals;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /admin/usage?subscription=&from=&to=&granularity=day|month|hour}: a subscription's
 * totals from the ledger, answered by the instance that holds its partition; any other instance
 * forwards the request there.
 */
public final class UsageEndpoints implements AdminEndpoints {

    /** Marks a forwarded query, so it is never forwarded twice. */
    static final String FORWARDED = "x-sluice-forwarded";

    private final GovernanceView view;
    private final UsageLedger ledger;
    private final Clock clock;
    private volatile HttpClient http;

    /** @param ledger the local ledger, or null when this process runs no processors role */
    public UsageEndpoints(GovernanceView view, UsageLedger ledger, Clock clock) {
        this.view = view;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public void mount(Router admin, Vertx vertx) {
        synchronized (this) {
            // mounted once per event loop; one client serves them all
            if (http == null) {
                http = vertx.createHttpClient();
            }
        }
        admin.get("/usage").handler(ctx -> {
            try {
                usage(ctx);
            } catch (ApiException e) {
                ErrorResponses.write(ctx.response(), e.error(), null);
            } catch (IllegalStateException e) {
                ErrorResponses.write(ctx.response(), unavailable(e.getMessage()), null);
            }
        });
    }

    private void usage(RoutingContext ctx) {
        String sub = ctx.request().getParam("subscription");
        if (sub == null || sub.isBlank()) {
            throw new ApiException(AdminErrors.badField("subscription", "is required, e.g. ?subscription=team-a"));
        }
        if (view.subscription(sub) == null) {
            throw new ApiException(AdminErrors.unknownSubscription(sub));
        }
        UsageGranularity g;
        try {
            g = UsageGranularity.fromWire(ctx.request().getParam("granularity", "day"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(AdminErrors.badField("granularity", e.getMessage()));
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        String from = label(g, ctx.request().getParam("from", today.withDayOfMonth(1).toString()), "from", false);
        String to = label(g, ctx.request().getParam("to", today.toString()), "to", true);
        if (from.compareTo(to) > 0) {
            throw new ApiException(AdminErrors.badField("from", "must not be after 'to'"));
        }
        if (ledger == null) {
            throw new ApiException(unavailable("this instance runs no processors role; ask one that does"));
        }
        Optional<String> holder = ledger.holder(sub);
        if (holder.isEmpty()) {
            throw new ApiException(unavailable("the ledger is rebalancing"));
        }
        if (!holder.get().isEmpty()) {
            forward(ctx, holder.get());
            return;
        }
        List<UsageTotals> buckets = ledger.totals(sub, g, from, to);
        UsageTotals total = UsageTotals.empty(from + "/" + to);
        for (UsageTotals b : buckets) {
            total = total.plus(b);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "usage");
        out.put("subscription", sub);
        out.put("granularity", g.wire());
        out.put("from", from);
        out.put("to", to);
        out.put("data", buckets);
        out.put("total", total);
        AdminResponses.json(ctx, 200, out);
    }

    private static String label(UsageGranularity g, String bound, String param, boolean last) {
        try {
            return g.labelOf(bound, last);
        } catch (IllegalArgumentException e) {
            throw new ApiException(AdminErrors.badField(param, e.getMessage()));
        }
    }

    /** Relays the query to the instance that holds the subscription's partition. */
    private void forward(RoutingContext ctx, String hostPort) {
        if (ctx.request().getHeader(FORWARDED) != null) {
            throw new ApiException(unavailable("the ledger partitions are moving between instances"));
        }
        int colon = hostPort.lastIndexOf(':');
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setHost(hostPort.substring(0, colon)).setPort(Integer.parseInt(hostPort.substring(colon + 1)))
                .setURI(ctx.request().uri()).putHeader(FORWARDED, "1").setTimeout(10_000);
        String auth = ctx.request().getHeader("Authorization");
        if (auth != null) {
            options.putHeader("Authorization", auth);
        }
        String apiKey = ctx.request().getHeader("api-key");
        if (apiKey != null) {
            options.putHeader("api-key", apiKey);
        }
        http.request(options).compose(req -> req.send()).compose(resp -> resp.body().map(body -> {
            ctx.response().setStatusCode(resp.statusCode()).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(body.getBytes()));
            return body;
        })).onFailure(e -> ErrorResponses.write(ctx.response(),
                unavailable("the instance at " + hostPort + " that holds it did not answer"), null));
    }

    private static ApiError unavailable(String why) {
        return new ApiError(503, "server_error", "usage_unavailable",
                "Usage totals cannot be read right now: " + why + ". Retry shortly.", null, 1);
    }
}
