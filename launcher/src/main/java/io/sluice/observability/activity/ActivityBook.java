package io.sluice.observability.activity;

import io.sluice.records.UsageEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Active subscriptions and end users (the OpenAI {@code user} field) per UTC hour, for the last
 * {@code days} days, and the same per day as the union of its hours. End users are counted up to
 * a cap per hour; beyond it the figure is a lower bound and says so.
 */
public final class ActivityBook {

    static final int MAX_USERS_PER_HOUR = 100_000;
    private static final long HOUR_MS = 3_600_000L;

    private final int days;
    private final TreeMap<Long, Hour> hours = new TreeMap<>();

    public ActivityBook(int days) {
        this.days = days;
    }

    /** One period's activity. */
    public record Period(String start, int activeSubscriptions, int activeEndUsers, boolean endUsersCapped,
            long requests, long tokens) {
    }

    private static final class Hour {
        final Set<String> subscriptions = new HashSet<>();
        final Set<String> users = new HashSet<>();
        boolean capped;
        long requests;
        long tokens;
    }

    public synchronized void add(UsageEvent e, long atMs, long nowMs) {
        long hour = Math.floorDiv(atMs, HOUR_MS);
        if (hour < oldestHour(nowMs)) {
            return;
        }
        Hour h = hours.computeIfAbsent(hour, k -> new Hour());
        if (e.subscriptionId() != null) {
            h.subscriptions.add(e.subscriptionId());
        }
        if (e.endUser() != null && !e.endUser().isEmpty()) {
            if (h.users.size() < MAX_USERS_PER_HOUR) {
                // scoped by subscription: two tenants' "alice" are two people
                h.users.add(e.subscriptionId() + "\u0000" + e.endUser());
            } else {
                h.capped = true;
            }
        }
        h.requests++;
        h.tokens += e.totalTokens();
        hours.headMap(oldestHour(nowMs)).clear();
    }

    private long oldestHour(long nowMs) {
        long today = Instant.ofEpochMilli(nowMs).truncatedTo(ChronoUnit.DAYS).toEpochMilli();
        return Math.floorDiv(today - (days - 1) * 24 * HOUR_MS, HOUR_MS);
    }

    /** Per hour (newest last), over the kept days. */
    public synchronized List<Period> hourly() {
        List<Period> out = new ArrayList<>();
        hours.forEach((hour, h) -> out.add(new Period(Instant.ofEpochMilli(hour * HOUR_MS).toString(),
                h.subscriptions.size(), h.users.size(), h.capped, h.requests, h.tokens)));
        return out;
    }

    /** Per UTC day (newest last), each the union of its hours. */
    public synchronized List<Period> daily() {
        Map<Long, List<Hour>> byDay = new LinkedHashMap<>();
        hours.forEach((hour, h) -> byDay.computeIfAbsent(Math.floorDiv(hour, 24), k -> new ArrayList<>()).add(h));
        List<Period> out = new ArrayList<>();
        byDay.forEach((day, list) -> {
            Set<String> subs = new HashSet<>();
            Set<String> users = new HashSet<>();
            boolean capped = false;
            long requests = 0;
            long tokens = 0;
            for (Hour h : list) {
                subs.addAll(h.subscriptions);
                users.addAll(h.users);
                capped |= h.capped;
                requests += h.requests;
                tokens += h.tokens;
            }
            out.add(new Period(Instant.ofEpochMilli(day * 24 * HOUR_MS).atZone(ZoneOffset.UTC).toLocalDate().toString(),
                    subs.size(), users.size(), capped, requests, tokens));
        });
        return out;
    }

    /** Subscriptions and end users active in the current hour and the current UTC day. */
    public synchronized int[] current(long nowMs) {
        long hour = Math.floorDiv(nowMs, HOUR_MS);
        long day = Math.floorDiv(hour, 24);
        Hour h = hours.get(hour);
        Set<String> subs = new HashSet<>();
        Set<String> users = new HashSet<>();
        hours.subMap(day * 24, day * 24 + 24).values().forEach(x -> {
            subs.addAll(x.subscriptions);
            users.addAll(x.users);
        });
        return new int[] {h == null ? 0 : h.subscriptions.size(), h == null ? 0 : h.users.size(), subs.size(),
                users.size()};
    }
}
