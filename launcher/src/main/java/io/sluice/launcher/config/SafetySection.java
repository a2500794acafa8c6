package io.sluice.launcher.config;

import io.sluice.egress.backend.Secret;
import io.sluice.egress.safety.SafetyService;
import io.sluice.safety.detect.Detector;
import io.sluice.safety.detect.InjectionHeuristic;
import io.sluice.safety.detect.KeywordDetector;
import io.sluice.safety.detect.PiiDetector;
import io.sluice.safety.detect.PiiKind;
import io.sluice.safety.detect.RegexDetector;
import io.sluice.safety.policy.AuditSettings;
import io.sluice.safety.policy.Check;
import io.sluice.safety.policy.CheckMode;
import io.sluice.safety.policy.CheckType;
import io.sluice.safety.policy.PolicyBook;
import io.sluice.safety.policy.SafetyPolicy;
import io.sluice.safety.policy.SafetySettings;
import io.sluice.safety.screen.Categories;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the {@code safety} section: content-safety policies, where they apply, services, audit. Off when absent. */
public final class SafetySection {

    private SafetySection() {
    }

    /**
     * Content safety as configured.
     *
     * @param settings          null when no policy is attached anywhere (safety off)
     * @param services          the external services, by id
     * @param workerMaxInFlight check requests the egress worker handles at once
     */
    public record Safety(SafetySettings settings, Map<String, SafetyService> services, int workerMaxInFlight) {

        public boolean enabled() {
            return settings != null;
        }

        /** Whether some attached policy calls an external service (egress then runs the check worker). */
        public boolean needsWorker() {
            return enabled() && settings.book().policies().values().stream().anyMatch(SafetyPolicy::hasExternalChecks);
        }

        static Safety off() {
            return new Safety(null, Map.of(), 0);
        }
    }

    static Safety read(ConfigNode root, Set<String> models) {
        ConfigNode s = root.child("safety").allowOnly("policies", "default", "subscriptions", "models", "services",
                "audit", "response-window-chars", "worker");
        if (!s.isPresent()) {
            return Safety.off();
        }
        Map<String, SafetyService> services = services(s);
        Map<String, SafetyPolicy> policies = new LinkedHashMap<>();
        s.entries("policies").forEach((name, node) -> policies.put(name, policy(name, node, services)));
        List<String> defaults = names(s, "default", policies);
        Map<String, List<String>> bySubscription = attachments(s.child("subscriptions"), policies);
        Map<String, List<String>> byModel = attachments(s.child("models"), policies);
        for (String m : byModel.keySet()) {
            if (!models.contains(m)) {
                throw s.child("models").error(m, "names model '" + m + "', which is not declared under models");
            }
        }
        ConfigNode a = s.child("audit").allowOnly("include-raw-text", "excerpt-chars");
        AuditSettings audit = new AuditSettings(a.bool("include-raw-text", false),
                a.integer("excerpt-chars", AuditSettings.DEFAULTS.excerptChars(), 0, 10_000));
        PolicyBook book = new PolicyBook(policies, bySubscription, byModel, defaults);
        int window = s.integer("response-window-chars", 1024, 64, 1_000_000);
        int inFlight = s.child("worker").allowOnly("max-in-flight").integer("max-in-flight", 1024, 1, 100_000);
        return new Safety(book.isEmpty() ? null : new SafetySettings(book, audit, window), services, inFlight);
    }

    private static Map<String, List<String>> attachments(ConfigNode node, Map<String, SafetyPolicy> policies) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!node.isPresent()) {
            return out;
        }
        node.json().fieldNames().forEachRemaining(key -> out.put(key, names(node, key, policies)));
        return out;
    }

    private static List<String> names(ConfigNode node, String key, Map<String, SafetyPolicy> policies) {
        List<String> names = node.strings(key, List.of());
        for (String n : names) {
            if (!policies.containsKey(n)) {
                throw node.error(key, "names policy '" + n + "', which is not defined under safety.policies (defined: "
                        + String.join(", ", policies.keySet()) + ")");
            }
        }
        return names;
    }

    private static Map<String, SafetyService> services(ConfigNode s) {
        Map<String, SafetyService> out = new LinkedHashMap<>();
        for (ConfigNode n : s.list("services")) {
            n.allowOnly("id", "type", "endpoint", "base-url", "api-key", "api-version", "model", "connect-timeout-ms");
            String id = n.requiredString("id", "Give the service an id, e.g. id: content-safety.");
            if (out.containsKey(id)) {
                throw n.error("id", "'" + id + "' is used by another service");
            }
            String type = n.requiredString("type", "Set type: azure-content-safety or openai-moderation.");
            long connect = n.longValue("connect-timeout-ms", 2_000, 1, 60_000);
            String key = n.string("api-key", null);
            SafetyService service = switch (type) {
                case "azure-content-safety" -> new SafetyService(id, SafetyService.Kind.AZURE_CONTENT_SAFETY,
                        url(n, "endpoint", "https://<resource>.cognitiveservices.azure.com"),
                        n.string("api-version", SafetyService.DEFAULT_AZURE_API_VERSION), secret(key), null, connect);
                case "openai-moderation" -> new SafetyService(id, SafetyService.Kind.OPENAI_MODERATION,
                        url(n, "base-url", "https://api.openai.com/v1"), null, secret(key),
                        n.string("model", SafetyService.DEFAULT_MODERATION_MODEL), connect);
                default -> throw n.error("type", "must be azure-content-safety or openai-moderation (got '" + type
                        + "')");
            };
            out.put(id, service);
        }
        return out;
    }

    private static Secret secret(String key) {
        return key == null || key.isEmpty() ? null : Secret.of(key);
    }

    private static URI url(ConfigNode n, String key, String example) {
        String v = n.requiredString(key, "Set it to the service's URL, e.g. " + example + ".");
        if (!v.startsWith("http://") && !v.startsWith("https://")) {
            throw n.error(key, "must be an http or https URL (got '" + v + "'), e.g. " + example);
        }
        return URI.create(v);
    }

    private static SafetyPolicy policy(String name, ConfigNode p, Map<String, SafetyService> services) {
        p.allowOnly("checks", "timeout-ms", "on-failure", "retry-after-seconds");
        String failure = p.string("on-failure", "closed").trim().toLowerCase(Locale.ROOT);
        if (!failure.equals("closed") && !failure.equals("open")) {
            throw p.error("on-failure", "must be closed (refuse with 503 when an external check fails or times out) "
                    + "or open (let the prompt through, audited); got '" + failure + "'");
        }
        List<Check> checks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<ConfigNode> nodes = p.list("checks");
        if (nodes.isEmpty()) {
            throw p.error("checks", "a policy needs at least one check");
        }
        for (ConfigNode c : nodes) {
            Check check = check(c, services);
            if (!ids.add(check.id())) {
                throw c.error("name", "another check of policy '" + name + "' is named '" + check.id()
                        + "'; give each check of the same type a name");
            }
            checks.add(check);
        }
        return new SafetyPolicy(name, checks, p.longValue("timeout-ms", 1_000, 1, 60_000), failure.equals("open"),
                p.longValue("retry-after-seconds", 2, 1, 3_600));
    }

    private static Check check(ConfigNode c, Map<String, SafetyService> services) {
        c.allowOnly("type", "name", "mode", "on", "keywords", "patterns", "kinds", "threshold", "service",
                "thresholds", "blocklists", "halt-on-blocklist-hit");
        CheckType type;
        try {
            type = CheckType.fromConfig(c.requiredString("type", "Set the check's type, e.g. type: pii."));
        } catch (IllegalArgumentException e) {
            throw c.error("type", e.getMessage());
        }
        CheckMode mode;
        try {
            mode = CheckMode.fromConfig(c.string("mode", "block"));
        } catch (IllegalArgumentException e) {
            throw c.error("mode", e.getMessage());
        }
        if (mode == CheckMode.REDACT && !type.redacts()) {
            throw c.error("mode", type.configName() + " cannot redact (it does not locate what it finds); use block "
                    + "or log");
        }
        List<String> defaultSides = type.external() || type == CheckType.PROMPT_INJECTION ? List.of("prompt")
                : List.of("prompt", "response");
        boolean onPrompt = false;
        boolean onResponse = false;
        for (String side : c.strings("on", defaultSides)) {
            switch (side.trim().toLowerCase(Locale.ROOT)) {
                case "prompt" -> onPrompt = true;
                case "response" -> onResponse = true;
                default -> throw c.error("on", "items are prompt and response (got '" + side + "')");
            }
        }
        if (onResponse && type.external()) {
            throw c.error("on", "external checks run on prompts only; remove response");
        }
        String id = c.string("name", type.configName());
        try {
            if (type.external()) {
                return new Check(id, type, mode, onPrompt, false, null, external(c, type, services));
            }
            return new Check(id, type, mode, onPrompt, onResponse, detector(c, type), null);
        } catch (IllegalArgumentException e) {
            throw c.error(null, e.getMessage());
        }
    }

    private static Detector detector(ConfigNode c, CheckType type) {
        return switch (type) {
            case KEYWORDS -> {
                List<String> words = c.strings("keywords", List.of());
                if (words.isEmpty()) {
                    throw c.error("keywords", "list the words and phrases to match, e.g. keywords: [project-x]");
                }
                yield new KeywordDetector(words);
            }
            case REGEX -> {
                List<String> patterns = c.strings("patterns", List.of());
                if (patterns.isEmpty()) {
                    throw c.error("patterns", "list the regular expressions to match, e.g. patterns: ['(?i)internal "
                            + "only']");
                }
                try {
                    yield new RegexDetector(patterns);
                } catch (IllegalArgumentException e) {
                    throw c.error("patterns", e.getMessage());
                }
            }
            case PII -> {
                Set<PiiKind> kinds = EnumSet.noneOf(PiiKind.class);
                for (String k : c.strings("kinds", List.of("email", "phone", "card", "iban", "us-ssn", "ip",
                        "secret"))) {
                    try {
                        kinds.add(PiiKind.fromConfig(k));
                    } catch (IllegalArgumentException e) {
                        throw c.error("kinds", e.getMessage());
                    }
                }
                yield new PiiDetector(kinds);
            }
            case PROMPT_INJECTION -> new InjectionHeuristic(c.decimal("threshold", 1.0, 0.1, 10));
            default -> throw new IllegalStateException(type + " is external");
        };
    }

    private static Check.External external(ConfigNode c, CheckType type, Map<String, SafetyService> services) {
        String service = c.requiredString("service", "Name a service declared under safety.services.");
        SafetyService s = services.get(service);
        if (s == null) {
            throw c.error("service", "names service '" + service + "', which is not declared under safety.services");
        }
        SafetyService.Kind wanted = type == CheckType.OPENAI_MODERATION ? SafetyService.Kind.OPENAI_MODERATION
                : SafetyService.Kind.AZURE_CONTENT_SAFETY;
        if (s.kind() != wanted) {
            throw c.error("service", "a " + type.configName() + " check needs a service of type "
                    + (wanted == SafetyService.Kind.OPENAI_MODERATION ? "openai-moderation" : "azure-content-safety"));
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        ConfigNode t = c.child("thresholds");
        if (t.isPresent()) {
            double max = type == CheckType.OPENAI_MODERATION ? 1.0 : 7;
            t.json().fieldNames().forEachRemaining(category ->
                    thresholds.put(Categories.key(category), t.decimal(category, 0, 0, max)));
        }
        if (!thresholds.isEmpty() && type == CheckType.AZURE_PROMPT_SHIELD) {
            throw c.error("thresholds", "prompt shields report attacks, not severities; remove thresholds");
        }
        if (type == CheckType.AZURE_TEXT_ANALYSIS) {
            for (String k : thresholds.keySet()) {
                if (!List.of("hate", "self_harm", "sexual", "violence").contains(k)) {
                    throw c.error("thresholds", "unknown category '" + k + "'; Azure's categories are hate, self-harm,"
                            + " sexual, violence (severity 0-7; 2 low, 4 medium, 6 high)");
                }
            }
        }
        return new Check.External(service, thresholds, c.strings("blocklists", List.of()),
                c.bool("halt-on-blocklist-hit", false));
    }
}
