package io.sluice.launcher.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sluice.records.Operation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads and validates the YAML configuration. With no file, returns the zero-config demo: an
 * embedded broker, the built-in simulator serving three models, and the demo key.
 */
public final class ConfigLoader {

    public static final String DEMO_KEY = "sk-sluice-demo";
    public static final String DEMO_SUBSCRIPTION = "demo";
    public static final String DEMO_ADMIN_KEY = "sk-sluice-admin-demo";
    public static final List<String> DEMO_MODELS = List.of("gpt-4o-mini", "gpt-4o", "text-embedding-3-small");

    private final UnaryOperator<String> env;

    public ConfigLoader(UnaryOperator<String> env) {
        this.env = env;
    }

    public static ConfigLoader withSystemEnv() {
        return new ConfigLoader(System::getenv);
    }

    /** The zero-config demo setup. */
    public SluiceConfig demo() {
        return parse("(built-in defaults)", null);
    }

    public SluiceConfig load(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(name, null, "no such file. Pass an existing YAML file to --config.");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "unreadable" : e.getMessage().split("\n")[0];
            throw new ConfigException(name, null, "is not valid YAML: " + msg);
        }
        if (root != null && !root.isObject() && !root.isMissingNode()) {
            throw new ConfigException(name, null, "must be a YAML mapping at the top level");
        }
        return parse(name, root);
    }

    public SluiceConfig loadString(String name, String yaml) {
        try {
            return parse(name, new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new ConfigException(name, null, "is not valid YAML: " + e.getMessage().split("\n")[0]);
        }
    }

    private SluiceConfig parse(String file, JsonNode json) {
        ConfigNode root = ConfigNode.root(file, json, env)
                .allowOnly("roles", "server", "kafka", "simulator", "backends", "models", "subscriptions",
                        "processors", "egress", "admin", "routing", "governance", "prices", "cache",
                        "safety", "observability", "batch");
        Set<SluiceConfig.Role> roles = roles(root);
        SluiceConfig.Server server = server(root.child("server"));
        SluiceConfig.Kafka kafka = kafka(root.child("kafka"));
        boolean backendsGiven = root.has("backends");
        SluiceConfig.Simulator simulator = simulator(root.child("simulator"), !backendsGiven);
        List<SluiceConfig.Backend> backends = backendsGiven ? backends(root) : List.of(
                new SluiceConfig.Backend("simulator", "simulator", null, null, null, null, null, null, 5_000));
        if (backends.stream().anyMatch(b -> b.type().equals("simulator")) && !simulator.enabled()) {
            throw root.error("simulator.enabled", "is false, but a backend of type 'simulator' needs the built-in "
                    + "simulator. Set simulator.enabled: true or remove that backend.");
        }
        Map<String, SluiceConfig.Model> models = root.has("models") ? models(root, backends)
                : defaultModels(root, backends);
        List<SluiceConfig.Subscription> subscriptions = root.has("subscriptions") ? subscriptions(root)
                : List.of(new SluiceConfig.Subscription(DEMO_SUBSCRIPTION, "Demo",
                        List.of(key(null, DEMO_KEY))));
        boolean demo = json == null || !root.has("subscriptions");
        return new SluiceConfig(file, roles, server, kafka, simulator, backends, models, subscriptions,
                processors(root.child("processors")), egress(root.child("egress")), admin(root.child("admin"), demo),
                demo, RoutingSection.read(root, backends), GovernanceSection.read(root, demo),
                CacheSection.read(root, backends), SafetySection.read(root, models.keySet()),
                ObservabilitySection.read(root), BatchSection.read(root));
    }

    private static Set<SluiceConfig.Role> roles(ConfigNode root) {
        List<String> names = root.strings("roles", List.of("ingress", "processors", "egress"));
        if (names.isEmpty()) {
            throw root.error("roles", "must name at least one of ingress, processors, egress");
        }
        Set<SluiceConfig.Role> roles = EnumSet.noneOf(SluiceConfig.Role.class);
        for (String n : names) {
            try {
                roles.add(SluiceConfig.Role.valueOf(n.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw root.error("roles", "unknown role '" + n + "'. Roles are ingress, processors, egress.");
            }
        }
        return roles;
    }

    private static SluiceConfig.Server server(ConfigNode s) {
        s.allowOnly("host", "port", "max-body-bytes", "max-in-flight", "default-timeout-ms", "max-timeout-ms",
                "instance-id", "server-timing");
        String host = s.string("host", "127.0.0.1");
        int port = s.integer("port", 8080, 0, 65_535);
        long defaultTimeout = s.longValue("default-timeout-ms", 300_000, 1, 86_400_000);
        long maxTimeout = s.longValue("max-timeout-ms", Math.max(600_000, defaultTimeout), 1, 86_400_000);
        if (maxTimeout < defaultTimeout) {
            throw s.error("max-timeout-ms", "must be at least default-timeout-ms (" + defaultTimeout + ")");
        }
        String instanceId = s.string("instance-id", defaultInstanceId(port));
        if (!instanceId.matches("[a-zA-Z0-9._-]+")) {
            throw s.error("instance-id", "may only contain letters, digits, '.', '_' and '-' (it names a topic)");
        }
        return new SluiceConfig.Server(host, port, s.longValue("max-body-bytes", 4L << 20, 1024, 1L << 30),
                s.integer("max-in-flight", 10_000, 1, 1_000_000), defaultTimeout, maxTimeout, instanceId,
                s.bool("server-timing", true));
    }

    /** Stable per host and port, so a restarted instance reuses its reply topic. */
    static String defaultInstanceId(int port) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "local";
        }
        String clean = host.replaceAll("[^a-zA-Z0-9._-]", "-");
        return clean + "-" + port;
    }

    private static SluiceConfig.Kafka kafka(ConfigNode k) {
        k.allowOnly("bootstrap-servers", "topic-prefix", "partitions", "replication-factor", "embedded", "client");
        String bootstrap = k.string("bootstrap-servers", null);
        if (bootstrap != null && bootstrap.isBlank()) {
            throw k.error("bootstrap-servers", "is empty. Give host:port[,host:port], or remove it to use the "
                    + "embedded broker.");
        }
        String prefix = k.string("topic-prefix", "sluice.");
        if (!prefix.matches("[a-zA-Z0-9._-]*")) {
            throw k.error("topic-prefix", "may only contain letters, digits, '.', '_' and '-'");
        }
        ConfigNode e = k.child("embedded").allowOnly("host", "port", "controller-port", "data-dir");
        int port = e.integer("port", 9092, 1, 65_535);
        SluiceConfig.Embedded embedded = new SluiceConfig.Embedded(e.string("host", "127.0.0.1"), port,
                e.integer("controller-port", port == 65_535 ? 65_534 : port + 1, 1, 65_535),
                Path.of(e.string("data-dir", "data/kafka")));
        if (embedded.controllerPort() == embedded.port()) {
            throw e.error("controller-port", "must differ from kafka.embedded.port");
        }
        Map<String, String> client = new LinkedHashMap<>();
        k.entries("client").forEach((name, v) -> {
            if (!v.isScalar()) {
                throw v.error(null, "must be a single value");
            }
            client.put(name, v.asString());
        });
        return new SluiceConfig.Kafka(bootstrap, prefix, k.integer("partitions", 6, 1, 10_000),
                (short) k.integer("replication-factor", bootstrap == null ? 1 : 3, 1, 32), embedded, Map.copyOf(client));
    }

    private static SluiceConfig.Simulator simulator(ConfigNode s, boolean enabledByDefault) {
        s.allowOnly("enabled", "port", "latency-ms", "tokens-per-second", "completion-tokens");
        return new SluiceConfig.Simulator(s.bool("enabled", enabledByDefault), s.integer("port", 0, 0, 65_535),
                s.longValue("latency-ms", 0, 0, 600_000), s.decimal("tokens-per-second", 0, 0, 1_000_000),
                s.integer("completion-tokens", 24, 1, 100_000));
    }

    private static List<SluiceConfig.Backend> backends(ConfigNode root) {
        List<SluiceConfig.Backend> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<ConfigNode> items = root.list("backends");
        if (items.isEmpty()) {
            throw root.error("backends", "is empty. Declare at least one backend, or remove the key to use the "
                    + "built-in simulator.");
        }
        for (ConfigNode b : items) {
            List<String> keys = new ArrayList<>(List.of("id", "type", "base-url", "endpoint", "deployment",
                    "api-version", "api-key", "model", "connect-timeout-ms"));
            keys.addAll(List.of(RoutingSection.BACKEND_KEYS));
            b.allowOnly(keys.toArray(String[]::new));
            String id = b.requiredString("id", "Give the backend a short name, e.g. id: openai-eu.");
            if (!ids.add(id)) {
                throw b.error("id", "'" + id + "' is used by another backend; ids must be unique");
            }
            String type = b.string("type", "openai").toLowerCase(Locale.ROOT);
            long connect = b.longValue("connect-timeout-ms", 5_000, 1, 600_000);
            switch (type) {
                case "openai" -> {
                    String url = url(b, "base-url", "Set it to the API base, e.g. https://api.openai.com/v1.");
                    out.add(new SluiceConfig.Backend(id, type, url, null, null, null, b.string("api-key", null),
                            b.string("model", null), connect));
                }
                case "azure-openai" -> {
                    String endpoint = url(b, "endpoint",
                            "Set it to the resource endpoint, e.g. https://my-resource.openai.azure.com.");
                    String deployment = b.requiredString("deployment", "Name the Azure OpenAI deployment to call.");
                    String version = b.requiredString("api-version", "For example api-version: 2024-10-21.");
                    out.add(new SluiceConfig.Backend(id, type, null, endpoint, deployment, version,
                            b.string("api-key", null), null, connect));
                }
                case "simulator" -> out.add(new SluiceConfig.Backend(id, type, null, null, null, null, null, null,
                        connect));
                default -> throw b.error("type", "unknown backend type '" + type
                        + "'. Types are openai, azure-openai and simulator.");
            }
        }
        return out;
    }

    private static String url(ConfigNode b, String key, String hint) {
        String v = b.requiredString(key, hint);
        try {
            URI u = URI.create(v);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return v;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw b.error(key, "must be an http or https URL (got '" + v + "'). " + hint);
    }

    private static Map<String, SluiceConfig.Model> models(ConfigNode root, List<SluiceConfig.Backend> backends) {
        Set<String> ids = new HashSet<>();
        backends.forEach(b -> ids.add(b.id()));
        Map<String, SluiceConfig.Model> out = new LinkedHashMap<>();
        Map<String, ConfigNode> entries = root.entries("models");
        if (entries.isEmpty()) {
            throw root.error("models", "is empty. Map at least one model name to a backend, e.g. "
                    + "models: { gpt-4o-mini: { backend: openai } }.");
        }
        entries.forEach((name, m) -> {
            Operation op = defaultOperation(name);
            if (!m.isScalar()) {
                String type = m.string("type", null);
                if (type != null) {
                    op = switch (type) {
                        case "chat" -> Operation.CHAT;
                        case "embeddings" -> Operation.EMBEDDINGS;
                        default -> throw m.error("type", "must be chat or embeddings (got '" + type + "')");
                    };
                }
            }
            RoutingSection.Pool pool = RoutingSection.pool(name, m, ids);
            out.put(name, new SluiceConfig.Model(name, op, pool.backendIds(), pool.strategy(), pool.members()));
        });
        return out;
    }

    private static Map<String, SluiceConfig.Model> defaultModels(ConfigNode root,
            List<SluiceConfig.Backend> backends) {
        if (backends.size() != 1 || !backends.get(0).type().equals("simulator")) {
            throw root.error("models", "is required when backends are declared: map each model name clients use "
                    + "to a backend, e.g. models: { gpt-4o-mini: { backend: " + backends.get(0).id() + " } }.");
        }
        Map<String, SluiceConfig.Model> out = new LinkedHashMap<>();
        for (String m : DEMO_MODELS) {
            out.put(m, new SluiceConfig.Model(m, defaultOperation(m), List.of(backends.get(0).id())));
        }
        return out;
    }

    static Operation defaultOperation(String model) {
        return model.contains("embedding") ? Operation.EMBEDDINGS : Operation.CHAT;
    }

    private static List<SluiceConfig.Subscription> subscriptions(ConfigNode root) {
        List<SluiceConfig.Subscription> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (ConfigNode s : root.list("subscriptions")) {
            List<String> known = new ArrayList<>(List.of("id", "name", "keys"));
            known.addAll(GovernanceSection.SUBSCRIPTION_KEYS);
            s.allowOnly(known.toArray(String[]::new));
            String id = s.requiredString("id", "Give the subscription an id, e.g. id: team-a.");
            if (!id.matches(io.sluice.records.governance.Subscription.ID_PATTERN)) {
                throw s.error("id", "may only contain letters, digits, '.', '_' and '-' (at most 64)");
            }
            if (!ids.add(id)) {
                throw s.error("id", "'" + id + "' is used by another subscription");
            }
            List<SluiceConfig.Key> keys = new ArrayList<>();
            for (ConfigNode k : s.list("keys")) {
                SluiceConfig.Key key;
                if (k.isScalar()) {
                    key = key(null, k.asString());
                } else {
                    k.allowOnly("id", "key", "key-sha256");
                    String plain = k.string("key", null);
                    String hash = k.string("key-sha256", null);
                    if ((plain == null) == (hash == null)) {
                        throw k.error("key", "give exactly one of key (the key, better as ${ENV_VAR}) or "
                                + "key-sha256 (its SHA-256 in hex)");
                    }
                    if (hash != null && !hash.matches("[0-9a-f]{64}")) {
                        throw k.error("key-sha256", "must be 64 lower-case hex digits");
                    }
                    key = plain != null ? key(k.string("id", null), plain)
                            : new SluiceConfig.Key(k.string("id", "key_" + hash.substring(0, 8)), hash);
                }
                if (!hashes.add(key.sha256())) {
                    throw k.error(null, "this key is already given to a subscription; every key must be unique");
                }
                keys.add(key);
            }
            String name = s.string("name", id);
            out.add(new SluiceConfig.Subscription(id, name, List.copyOf(keys), GovernanceSection.settings(s, id)));
        }
        return out;
    }

    private static SluiceConfig.Key key(String id, String plain) {
        String hash = io.sluice.ingress.auth.KeyHash.sha256Hex(plain);
        return new SluiceConfig.Key(id == null ? "key_" + hash.substring(0, 8) : id, hash);
    }

    private static SluiceConfig.Admin admin(ConfigNode a, boolean demo) {
        a.allowOnly("keys");
        List<String> hashes = new ArrayList<>();
        for (ConfigNode k : a.list("keys")) {
            if (k.isScalar()) {
                hashes.add(io.sluice.ingress.auth.KeyHash.sha256Hex(k.asString()));
            } else {
                k.allowOnly("key", "key-sha256");
                String hash = k.string("key-sha256", null);
                String plain = k.string("key", null);
                if ((plain == null) == (hash == null) || (hash != null && !hash.matches("[0-9a-f]{64}"))) {
                    throw k.error("key", "give exactly one of key (better as ${ENV_VAR}) or key-sha256 (64 hex digits)");
                }
                hashes.add(hash != null ? hash : io.sluice.ingress.auth.KeyHash.sha256Hex(plain));
            }
        }
        if (hashes.isEmpty() && demo) {
            hashes.add(io.sluice.ingress.auth.KeyHash.sha256Hex(DEMO_ADMIN_KEY));
        }
        return new SluiceConfig.Admin(List.copyOf(hashes));
    }

    private static SluiceConfig.Processors processors(ConfigNode p) {
        p.allowOnly("exactly-once", "commit-interval-ms", "state-dir", "threads");
        return new SluiceConfig.Processors(p.bool("exactly-once", true), p.longValue("commit-interval-ms", 100, 1,
                600_000), Path.of(p.string("state-dir", "data/streams")), p.integer("threads", 1, 1, 64));
    }

    private static SluiceConfig.Egress egress(ConfigNode e) {
        e.allowOnly("max-in-flight", "connections-per-backend");
        return new SluiceConfig.Egress(e.integer("max-in-flight", 4_096, 1, 1_000_000),
                e.integer("connections-per-backend", 512, 1, 100_000));
    }
}
