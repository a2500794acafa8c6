package io.sluice.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** The ordered fault rules of a simulator; the first matching rule with a remaining count applies. */
public final class FaultPlan {

    private final CopyOnWriteArrayList<ActiveRule> active = new CopyOnWriteArrayList<>();

    public void add(FaultRule rule) {
        active.add(new ActiveRule(rule));
    }

    public void clear() {
        active.clear();
    }

    /** The rules still in force, each with its remaining count. */
    public List<FaultRule> rules() {
        List<FaultRule> rules = new ArrayList<>();
        for (ActiveRule entry : active) {
            int remaining = entry.remaining.get();
            if (remaining != 0) {
                rules.add(entry.rule.times(remaining));
            }
        }
        return rules;
    }

    /**
     * Picks the fault for one request and consumes one use of it; empty when no rule applies.
     * DROP_MID_STREAM rules only match streaming requests.
     */
    public Optional<FaultRule> claim(String model, boolean streaming) {
        if (active.isEmpty()) {
            return Optional.empty();
        }
        for (ActiveRule entry : active) {
            FaultRule rule = entry.rule;
            if (rule.model() != null && !rule.model().equals(model)) {
                continue;
            }
            if (rule.kind() == FaultKind.DROP_MID_STREAM && !streaming) {
                continue;
            }
            if (rule.probability() < 1.0 && ThreadLocalRandom.current().nextDouble() >= rule.probability()) {
                continue;
            }
            if (entry.tryConsume()) {
                return Optional.of(rule);
            }
            active.remove(entry);
        }
        return Optional.empty();
    }

    private static final class ActiveRule {
        private final FaultRule rule;
        private final AtomicInteger remaining;

        private ActiveRule(FaultRule rule) {
            this.rule = rule;
            this.remaining = new AtomicInteger(rule.count());
        }

        private boolean tryConsume() {
            while (true) {
                int left = remaining.get();
                if (left == FaultRule.UNLIMITED) {
                    return true;
                }
                if (left == 0) {
                    return false;
                }
                if (remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }
    }
}
