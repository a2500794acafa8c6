package io.sluice.observability.dashboard;

import io.sluice.ingress.admin.AdminEndpoints;
import io.sluice.ingress.admin.AdminResponses;
import io.sluice.ingress.http.ErrorResponses;
import io.sluice.observability.activity.ActivityBook;
import io.sluice.observability.activity.UsageTail;
import io.sluice.records.ApiError;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin JSON behind the dashboard, for the whole gateway: {@code GET /admin/dashboard/summary}
 * (live rates, tokens, latency, today's totals and top consumers) and {@code GET /admin/activity}
 * (active subscriptions and end users per hour or day).
 */
public final class DashboardEndpoints implements AdminEndpoints {

    private final UsageTail tail;
    private final Clock clock;
    private final int activityDays;

    public DashboardEndpoints(UsageTail tail, Clock clock, int activityDays) {
        this.tail = tail;
        this.clock = clock;
        this.activityDays = activityDays;
    }

    @Override
    public void mount(Router admin, Vertx vertx) {
        admin.get("/dashboard/summary").handler(this::summary);
        admin.get("/activity").handler(this::activity);
    }

    private void summary(RoutingContext ctx) {
        long now = clock.millis();
        Map<String, Object> body = new LinkedHashMap<>(tail.live().summary(now));
        int[] current = tail.activity().current(now);
        Map<String, Object> active = new LinkedHashMap<>();
        active.put("subscriptions_this_hour", current[0]);
        active.put("end_users_this_hour", current[1]);
        active.put("subscriptions_today", current[2]);
        active.put("end_users_today", current[3]);
        body.put("active", active);
        body.put("caught_up", tail.caughtUp());
        AdminResponses.json(ctx, 200, body);
    }

    private void activity(RoutingContext ctx) {
        String granularity = ctx.request().getParam("granularity", "day");
        List<ActivityBook.Period> periods;
        switch (granularity) {
            case "hour" -> periods = tail.activity().hourly();
            case "day" -> periods = tail.activity().daily();
            default -> {
                ErrorResponses.write(ctx.response(), ApiError.invalidRequest("granularity",
                        "granularity must be hour or day (got '" + granularity + "')."), null);
                return;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "activity");
        body.put("granularity", granularity);
        body.put("days_kept", activityDays);
        body.put("caught_up", tail.caughtUp());
        body.put("data", periods.stream().map(DashboardEndpoints::period).toList());
        AdminResponses.json(ctx, 200, body);
    }

    private static Map<String, Object> period(ActivityBook.Period p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", p.start());
        m.put("active_subscriptions", p.activeSubscriptions());
        m.put("active_end_users", p.activeEndUsers());
        if (p.endUsersCapped()) {
            m.put("end_users_at_least", true);
        }
        m.put("requests", p.requests());
        m.put("tokens", p.tokens());
        return m;
    }
}
