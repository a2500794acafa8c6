package io.sluice.bench.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Keeps keys out of reports: the command line and settings are recorded with secret values masked. */
public final class Secrets {
    static final String MASK = "***";
    private static final Set<String> SECRET_FLAGS = Set.of("--sluice-key", "--backend-key");

    private Secrets() {
    }

    /** The command line as typed, shell-quoted, with key values and credential headers masked. */
    public static String commandLine(String program, List<String> args) {
        List<String> shown = new ArrayList<>();
        shown.add(program);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String flag = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (eq > 0 && arg.startsWith("--")) {
                shown.add(quote(flag + "=" + maskValue(flag, arg.substring(eq + 1))));
            } else if ((SECRET_FLAGS.contains(arg) || arg.equals("--compare-header")) && i + 1 < args.size()) {
                shown.add(arg);
                shown.add(quote(maskValue(arg, args.get(++i))));
            } else {
                shown.add(quote(arg));
            }
        }
        return String.join(" ", shown);
    }

    /** The config as the report records it: keys and credential headers masked, arguments masked. */
    public static BenchConfig redact(BenchConfig c) {
        Map<String, String> headers = new LinkedHashMap<>();
        c.compare().headers().forEach((name, value) -> headers.put(name, credential(name) ? MASK : value));
        BackendSettings b = c.backend();
        SluiceSettings s = c.sluice();
        return new BenchConfig(c.targets(), c.load(), c.findMax(),
                new BackendSettings(b.url(), b.latencyMs(), b.tokensPerSecond(), b.completionTokens(),
                        b.simulatorInstances(), MASK),
                new SluiceSettings(s.url(), MASK, s.jar(), s.javaOpts(), s.partitions(), s.configExtra()), c.portkey(),
                new CompareSettings(c.compare().url(), c.compare().name(), headers), c.startupTimeoutMs(),
                c.outDir(), List.of());
    }

    private static String maskValue(String flag, String value) {
        if (SECRET_FLAGS.contains(flag)) {
            return MASK;
        }
        if (flag.equals("--compare-header")) {
            int colon = value.indexOf(':');
            if (colon > 0 && credential(value.substring(0, colon).trim())) {
                return value.substring(0, colon) + ": " + MASK;
            }
        }
        return value;
    }

    static boolean credential(String headerName) {
        String n = headerName.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.contains("key") || n.contains("token") || n.contains("secret")
                || n.equals("cookie");
    }

    private static String quote(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./:=,@%+-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
