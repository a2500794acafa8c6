package io.sluice.observability.activity;

import io.sluice.records.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What the dashboard shows, for the whole gateway (every instance's requests): per-minute request,
 * error and token counts for the last hour, tokens per subscription and model, latency percentiles
 * of the last five minutes, and today's (UTC) totals per subscription.
 */
public final class LiveStats {

    static final int MINUTES = 60;
    private static final long MINUTE_MS = 60_000L;

    private final Minute[] minutes = new Minute[MINUTES];
    private LocalDate today;
    private final Map<String, Totals> todayBySubscription = new HashMap<>();
    private final Totals todayAll = new Totals();

    /** Requests, tokens and cost added up. */
    public static final class Totals {
        long requests;
        long errors;
        long promptTokens;
        long completionTokens;
        long cacheHits;
        long chatRequests;
        BigDecimal cost = BigDecimal.ZERO;

        void add(UsageEvent e) {
            requests++;
            if (e.status() >= 400) {
                errors++;
            }
            promptTokens += e.promptTokens();
            completionTokens += e.completionTokens();
            if ("chat".equals(e.operation())) {
                chatRequests++;
            }
            if ("hit".equals(e.cache())) {
                cacheHits++;
            }
            if (e.costUsd() != null) {
                cost = cost.add(e.costUsd());
            }
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", requests);
            m.put("errors", errors);
            m.put("prompt_tokens", promptTokens);
            m.put("completion_tokens", completionTokens);
            m.put("total_tokens", promptTokens + completionTokens);
            m.put("cost_usd", cost);
            m.put("cache_hits", cacheHits);
            m.put("cache_hit_ratio", chatRequests == 0 ? null : (double) cacheHits / chatRequests);
            return m;
        }
    }

    private static final class Minute {
        final long epochMinute;
        final Totals all = new Totals();
        final Map<String, Long> tokensBySubscriptionModel = new HashMap<>();
        final Histogram latencyMicros = new Histogram(3_600_000_000L, 2);

        Minute(long epochMinute) {
            this.epochMinute = epochMinute;
        }
    }

    public synchronized void add(UsageEvent e, long atMs, long nowMs) {
        long minute = Math.floorDiv(atMs, MINUTE_MS);
        long nowMinute = Math.floorDiv(nowMs, MINUTE_MS);
        if (minute > nowMinute - MINUTES && minute <= nowMinute + 1) {
            int slot = (int) Math.floorMod(minute, (long) MINUTES);
            Minute m = minutes[slot];
            if (m == null || m.epochMinute != minute) {
                m = new Minute(minute);
                minutes[slot] = m;
            }
            m.all.add(e);
            long tokens = e.totalTokens();
            if (tokens > 0) {
                m.tokensBySubscriptionModel.merge(e.subscriptionId() + "\u0000" + e.model(), tokens, Long::sum);
            }
            m.latencyMicros.recordValue(Math.min(3_600_000_000L, Math.max(0, Math.round(e.latencyMs() * 1000))));
        }
        LocalDate day = Instant.ofEpochMilli(atMs).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate nowDay = Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC).toLocalDate();
        rollDay(nowDay);
        if (day.equals(today)) {
            todayAll.add(e);
            todayBySubscription.computeIfAbsent(e.subscriptionId() == null ? "none" : e.subscriptionId(),
                    k -> new Totals()).add(e);
        }
    }

    private void rollDay(LocalDate nowDay) {
        if (!nowDay.equals(today)) {
            today = nowDay;
            todayBySubscription.clear();
            resetTotals(todayAll);
        }
    }

    private static void resetTotals(Totals t) {
        t.requests = 0;
        t.errors = 0;
        t.promptTokens = 0;
        t.completionTokens = 0;
        t.cacheHits = 0;
        t.chatRequests = 0;
        t.cost = BigDecimal.ZERO;
    }

    /** The dashboard's figures as of {@code nowMs}. */
    public synchronized Map<String, Object> summary(long nowMs) {
        rollDay(Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC).toLocalDate());
        long nowMinute = Math.floorDiv(nowMs, MINUTE_MS);
        List<Long> requests = new ArrayList<>();
        List<Long> errors = new ArrayList<>();
        List<Long> tokens = new ArrayList<>();
        Histogram recent = new Histogram(3_600_000_000L, 2);
        Map<String, Long> lastHourBy = new HashMap<>();
        long lastMinuteRequests = 0;
        Map<String, Long> lastMinuteBy = new HashMap<>();
        for (long minute = nowMinute - MINUTES + 1; minute <= nowMinute; minute++) {
            Minute m = minutes[(int) Math.floorMod(minute, (long) MINUTES)];
            boolean present = m != null && m.epochMinute == minute;
            requests.add(present ? m.all.requests : 0);
            errors.add(present ? m.all.errors : 0);
            tokens.add(present ? m.all.promptTokens + m.all.completionTokens : 0);
            if (present) {
                if (minute > nowMinute - 5) {
                    recent.add(m.latencyMicros);
                }
                m.tokensBySubscriptionModel.forEach((k, v) -> lastHourBy.merge(k, v, Long::sum));
                if (minute == nowMinute - 1) {
                    lastMinuteRequests = m.all.requests;
                    lastMinuteBy.putAll(m.tokensBySubscriptionModel);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("as_of", Instant.ofEpochMilli(nowMs).toString());
        out.put("minutes", MINUTES);
        out.put("requests_per_minute", requests);
        out.put("errors_per_minute", errors);
        out.put("tokens_per_minute", tokens);
        out.put("requests_last_minute", lastMinuteRequests);
        // the last 60 s: this minute so far and the part of the previous minute still inside the window
        double elapsed = Math.floorMod(nowMs, MINUTE_MS) / (double) MINUTE_MS;
        long current = requests.get(MINUTES - 1);
        out.put("requests_per_second", (current + lastMinuteRequests * (1 - elapsed)) / 60.0);
        long previousTokens = tokens.get(MINUTES - 2);
        out.put("tokens_last_60s", Math.round(tokens.get(MINUTES - 1) + previousTokens * (1 - elapsed)));
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("window_minutes", 5);
        latency.put("count", recent.getTotalCount());
        latency.put("p50_ms", recent.getTotalCount() == 0 ? null : recent.getValueAtPercentile(50) / 1000.0);
        latency.put("p90_ms", recent.getTotalCount() == 0 ? null : recent.getValueAtPercentile(90) / 1000.0);
        latency.put("p99_ms", recent.getTotalCount() == 0 ? null : recent.getValueAtPercentile(99) / 1000.0);
        out.put("latency", latency);
        out.put("tokens_by_subscription_model", bySubscriptionModel(lastHourBy, lastMinuteBy));
        Map<String, Object> day = todayAll.json();
        day.put("date", today.toString());
        out.put("today", day);
        List<Map<String, Object>> top = new ArrayList<>();
        todayBySubscription.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Totals> x) ->
                        x.getValue().promptTokens + x.getValue().completionTokens).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(10)
                .forEach(x -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("subscription", x.getKey());
                    row.putAll(x.getValue().json());
                    top.add(row);
                });
        out.put("top_consumers_today", top);
        return out;
    }

    private static List<Map<String, Object>> bySubscriptionModel(Map<String, Long> lastHour, Map<String, Long> lastMinute) {
        List<Map<String, Object>> rows = new ArrayList<>();
        lastHour.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry::getKey)).limit(20).forEach(x -> {
                    String[] parts = x.getKey().split("\u0000", 2);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("subscription", parts[0]);
                    row.put("model", parts.length > 1 ? parts[1] : "");
                    row.put("tokens_last_minute", lastMinute.getOrDefault(x.getKey(), 0L));
                    row.put("tokens_per_minute_last_hour", x.getValue() / (double) MINUTES);
                    row.put("tokens_last_hour", x.getValue());
                    rows.add(row);
                });
        return rows;
    }
}
