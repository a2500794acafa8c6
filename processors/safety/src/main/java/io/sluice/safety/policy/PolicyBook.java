package io.sluice.safety.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured policies and where they are attached: a request gets the policies of its
 * subscription and of its model together; when neither has any, the default ones.
 */
public record PolicyBook(Map<String, SafetyPolicy> policies, Map<String, List<String>> bySubscription,
        Map<String, List<String>> byModel, List<String> defaults) {

    public static final PolicyBook EMPTY = new PolicyBook(Map.of(), Map.of(), Map.of(), List.of());

    public PolicyBook {
        policies = Map.copyOf(policies);
        bySubscription = copy(bySubscription);
        byModel = copy(byModel);
        defaults = List.copyOf(defaults);
        List<String> named = new ArrayList<>(defaults);
        bySubscription.values().forEach(named::addAll);
        byModel.values().forEach(named::addAll);
        for (String n : named) {
            if (!policies.containsKey(n)) {
                throw new IllegalArgumentException("policy '" + n + "' is attached but not defined");
            }
        }
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Map.copyOf(out);
    }

    public boolean isEmpty() {
        return bySubscription.isEmpty() && byModel.isEmpty() && defaults.isEmpty();
    }

    /** The policies that apply to a request, each once, subscription's first. */
    public List<SafetyPolicy> forRequest(String subscriptionId, String model) {
        if (isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(bySubscription.getOrDefault(subscriptionId, List.of()));
        for (String n : byModel.getOrDefault(model, List.of())) {
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        if (names.isEmpty()) {
            names = defaults;
        }
        List<SafetyPolicy> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(policies.get(n));
        }
        return out;
    }
}
