package io.sluice.bench.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code sluice bench} flags into a {@link BenchConfig}; every error names the flag. */
public final class BenchFlags {

    static final String DEFAULT_TARGETS = "direct,sluice";
    static final String DEFAULT_RATES = "50,200,1000";

    /** Every flag with its default, in the order {@code --help} lists them. */
    static final List<FlagDef> FLAGS = List.of(
            FlagDef.option("--targets", "LIST", DEFAULT_TARGETS + " (+portkey with --portkey, +compare with "
                    + "--compare-url)", "targets to measure, in order: direct, sluice, portkey, compare"),
            FlagDef.toggle("--portkey", "also measure the Portkey gateway (installed from npm into a temp folder)"),
            FlagDef.option("--rates", "LIST", DEFAULT_RATES + " (unless --concurrency is given)",
                    "open-loop steps in requests/s; sends follow a fixed schedule whatever the target does"),
            FlagDef.option("--concurrency", "LIST", "none", "closed-loop steps: concurrent clients, zero think time"),
            FlagDef.option("--duration", "TIME", "30s", "measured time of each step"),
            FlagDef.option("--warmup", "TIME", "10s", "unmeasured load before each target's first step"),
            FlagDef.toggle("--stream", "streaming requests (SSE); reports time to first token too"),
            FlagDef.toggle("--find-max", "search each target's highest sustained rate instead of fixed steps"),
            FlagDef.option("--max-p99-ms", "MS", "1000", "--find-max: highest p99 latency a sustained rate may have"),
            FlagDef.option("--find-max-start", "RATE", "100", "--find-max: first rate tried (doubles until it fails)"),
            FlagDef.option("--find-max-trials", "N", "8", "--find-max: most steps tried per target"),
            FlagDef.option("--max-outstanding", "N", "10000",
                    "open loop: most requests in flight; sends beyond it count as errors (outstanding-limit)"),
            FlagDef.option("--timeout", "TIME", "30s", "per request: connect and idle timeout"),
            FlagDef.option("--connections", "N", "1000", "HTTP/1.1 keep-alive connections per target, at most"),
            FlagDef.option("--client-event-loops", "N", "number of cores", "event loops of the load generator"),
            FlagDef.option("--model", "NAME", "gpt-4o-mini", "model named in each chat request"),
            FlagDef.option("--backend-url", "URL", "none: start the simulator in this JVM",
                    "OpenAI base URL of an external backend, e.g. http://127.0.0.1:8090/v1"),
            FlagDef.option("--backend-key", "KEY", "sk-bench-backend",
                    "bearer key sent to the backend by direct and portkey"),
            FlagDef.option("--backend-latency-ms", "MS", "0", "simulator: fixed latency before each answer"),
            FlagDef.option("--tokens-per-second", "N", "0", "simulator: streaming pace (0 = as fast as possible)"),
            FlagDef.option("--completion-tokens", "N", "24", "simulator: tokens per answer"),
            FlagDef.option("--simulator-instances", "N", "number of cores", "simulator: server verticles"),
            FlagDef.option("--sluice-url", "URL", "none: start the gateway",
                    "base URL of a running Sluice gateway (then no process metrics)"),
            FlagDef.option("--sluice-key", "KEY", "sk-bench-key", "API key for Sluice"),
            FlagDef.option("--sluice-jar", "PATH", "the running sluice.jar, else launcher/target/sluice.jar",
                    "gateway jar to start"),
            FlagDef.option("--sluice-java-opts", "OPTS", "-Xms256m -Xmx1g -XX:+UseParallelGC",
                    "JVM options of the started gateway"),
            FlagDef.option("--sluice-partitions", "N", "6", "partitions of the started gateway's topics"),
            FlagDef.option("--sluice-config-extra", "FILE", "none",
                    "YAML added to the started gateway's config (e.g. observability: { enabled: false })"),
            FlagDef.option("--portkey-version", "VERSION", "1.15.2", "npm version of @portkey-ai/gateway"),
            FlagDef.option("--portkey-hono-node-server", "VERSION", "1.13.8",
                    "pins @hono/node-server (newer ones break Portkey streaming on Node 20); '' to not pin"),
            FlagDef.option("--node", "PATH", "node", "node executable for Portkey"),
            FlagDef.option("--npm", "PATH", "npm", "npm executable used to install Portkey"),
            FlagDef.option("--compare-url", "URL", "none", "base URL of another OpenAI-compatible gateway"),
            FlagDef.repeated("--compare-header", "'NAME: VALUE'", "header sent to --compare-url (repeatable)"),
            FlagDef.option("--compare-name", "NAME", "compare", "name of the --compare-url target in the report"),
            FlagDef.option("--startup-timeout", "TIME", "180s", "longest wait for a started gateway to be ready"),
            FlagDef.option("--out", "DIR", "bench-results", "directory of the JSON report and gateway logs"),
            FlagDef.toggle("--help", "print this help"));

    private BenchFlags() {
    }

    /** True when the arguments ask for help. */
    public static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    public static BenchConfig parse(List<String> args) {
        Map<String, List<String>> values = collect(args);
        try {
            return build(new FlagValues(values), args);
        } catch (FlagException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new FlagException(e.getMessage());
        }
    }

    private static Map<String, List<String>> collect(List<String> args) {
        Map<String, FlagDef> byName = new LinkedHashMap<>();
        FLAGS.forEach(f -> byName.put(f.name(), f));
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            FlagDef def = byName.get(name);
            if (def == null) {
                throw new FlagException(arg.startsWith("-") ? name + ": unknown flag (see --help)"
                        : "unexpected argument '" + arg + "' (flags start with --; see --help)");
            }
            String value;
            if (!def.takesValue()) {
                if (inline != null) {
                    throw new FlagException(name + " takes no value");
                }
                value = "true";
            } else if (inline != null) {
                value = inline;
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new FlagException(name + " needs a value: " + def.value());
            }
            List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
            if (!list.isEmpty() && !def.repeatable()) {
                throw new FlagException(name + " is given twice");
            }
            list.add(value);
        }
        return values;
    }

    private static BenchConfig build(FlagValues v, List<String> args) {
        int cores = Runtime.getRuntime().availableProcessors();
        boolean concurrencyGiven = v.has("--concurrency");
        LoadSettings load = new LoadSettings(
                v.doubles("--rates", concurrencyGiven ? "" : DEFAULT_RATES),
                v.integers("--concurrency", ""),
                v.duration("--duration", "30s"), v.duration("--warmup", "10s"), v.has("--stream"),
                v.integer("--max-outstanding", "10000"), v.duration("--timeout", "30s"),
                v.integer("--connections", "1000"), v.integer("--client-event-loops", String.valueOf(cores)),
                v.text("--model", "gpt-4o-mini"));
        FindMaxSettings findMax = new FindMaxSettings(v.has("--find-max"), v.longValue("--max-p99-ms", "1000"),
                v.decimal("--find-max-start", "100"), v.integer("--find-max-trials", "8"));
        BackendSettings backend = new BackendSettings(v.text("--backend-url", null),
                v.longValue("--backend-latency-ms", "0"), v.decimal("--tokens-per-second", "0"),
                v.integer("--completion-tokens", "24"), v.integer("--simulator-instances", String.valueOf(cores)),
                v.text("--backend-key", "sk-bench-backend"));
        SluiceSettings sluice = new SluiceSettings(v.text("--sluice-url", null), v.text("--sluice-key", "sk-bench-key"),
                v.text("--sluice-jar", null), v.text("--sluice-java-opts", "-Xms256m -Xmx1g -XX:+UseParallelGC"),
                v.integer("--sluice-partitions", "6"), v.text("--sluice-config-extra", null));
        PortkeySettings portkey = new PortkeySettings(v.text("--portkey-version", "1.15.2"),
                v.text("--portkey-hono-node-server", "1.13.8"), v.text("--node", "node"), v.text("--npm", "npm"));
        CompareSettings compare = new CompareSettings(v.text("--compare-url", null),
                v.text("--compare-name", "compare"), CompareSettings.parseHeaders(v.all("--compare-header")));
        return new BenchConfig(targets(v, compare), load, findMax, backend, sluice, portkey, compare,
                v.duration("--startup-timeout", "180s"), v.text("--out", "bench-results"), args);
    }

    private static List<TargetKind> targets(FlagValues v, CompareSettings compare) {
        List<TargetKind> targets = new ArrayList<>();
        if (v.has("--targets")) {
            for (String name : v.text("--targets", "").split(",")) {
                if (name.isBlank()) {
                    throw new FlagException("--targets: empty name in '" + v.text("--targets", "") + "'");
                }
                TargetKind kind = TargetKind.parse(name);
                if (targets.contains(kind)) {
                    throw new FlagException("--targets names " + kind.label() + " twice");
                }
                targets.add(kind);
            }
        } else {
            targets.add(TargetKind.DIRECT);
            targets.add(TargetKind.SLUICE);
            if (compare.url() != null) {
                targets.add(TargetKind.COMPARE);
            }
        }
        if (v.has("--portkey") && !targets.contains(TargetKind.PORTKEY)) {
            targets.add(TargetKind.PORTKEY);
        }
        return targets;
    }

    /** The {@code --help} text: every flag, its value, its default. */
    public static String help() {
        StringBuilder out = new StringBuilder();
        out.append("Usage: sluice bench [options]\n\n")
                .append("Measures latency and throughput of OpenAI-compatible gateways against the same backend,\n")
                .append("in the same run: direct (the baseline), sluice, portkey and any other gateway.\n")
                .append("Prints a table and writes a JSON report. It prints what it measured, no verdicts.\n\n");
        for (FlagDef f : FLAGS) {
            String head = f.name() + (f.takesValue() ? " " + f.value() : "");
            out.append(String.format("  %-34s %s%n", head, f.help()));
            if (!f.name().equals("--help")) {
                out.append(String.format("  %-34s (default: %s)%n", "", f.defaultText()));
            }
        }
        out.append("\nExample: sluice bench --targets direct,sluice,portkey --rates 50,200 --duration 10s --warmup 5s\n");
        return out.toString();
    }
}
