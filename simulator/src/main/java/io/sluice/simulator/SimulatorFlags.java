package io.sluice.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Parses the simulator's command-line flags into a {@link SimulatorConfig}; each error is one line naming the flag. */
final class SimulatorFlags {

    static final int DEFAULT_PORT = 8090;
    static final String USAGE = "usage: simulator [--port N (0..65535, default " + DEFAULT_PORT + ")] "
            + "[--host H (default 127.0.0.1)] [--latency-ms N (>= 0)] [--tokens-per-second N (>= 0, 0 = unpaced)] "
            + "[--completion-tokens N (>= 1)] [--api-key K] [--instances N (>= 1)] [--models a,b,c]";
    private static final List<String> FLAGS = List.of("--port", "--host", "--latency-ms", "--tokens-per-second",
            "--completion-tokens", "--api-key", "--instances", "--models");

    private SimulatorFlags() {
    }

    /** Flags as {@code --name value} or {@code --name=value}. */
    static SimulatorConfig parse(String[] args) {
        SimulatorConfig config = SimulatorConfig.defaults().withPort(DEFAULT_PORT);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            } else if (FLAGS.contains(flag) && i + 1 < args.length) {
                value = args[++i];
            } else if (FLAGS.contains(flag)) {
                throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
            } else {
                throw new IllegalArgumentException("unknown flag '" + flag + "'; accepted flags: "
                        + String.join(", ", FLAGS));
            }
            config = apply(config, flag, value);
        }
        return config;
    }

    private static SimulatorConfig apply(SimulatorConfig config, String flag, String value) {
        return switch (flag) {
            case "--port" -> config.withPort(number(flag, value, "an integer 0..65535", Integer::parseInt,
                    v -> v >= 0 && v <= 65535));
            case "--host" -> config.withHost(text(flag, value, "a host name or IP address"));
            case "--latency-ms" -> config.withLatencyMs(number(flag, value, "an integer >= 0 (milliseconds)",
                    Long::parseLong, v -> v >= 0));
            case "--tokens-per-second" -> config.withTokensPerSecond(number(flag, value,
                    "a number >= 0 (0 = as fast as possible)", Double::parseDouble,
                    v -> v >= 0 && !v.isInfinite()));
            case "--completion-tokens" -> config.withCompletionTokens(number(flag, value, "an integer >= 1",
                    Integer::parseInt, v -> v >= 1));
            case "--api-key" -> config.withApiKey(text(flag, value, "a non-blank key"));
            case "--instances" -> config.withInstances(number(flag, value, "an integer >= 1",
                    Integer::parseInt, v -> v >= 1));
            case "--models" -> config.withModels(models(flag, value));
            default -> throw new IllegalArgumentException("unknown flag '" + flag + "'; accepted flags: "
                    + String.join(", ", FLAGS));
        };
    }

    private static <T> T number(String flag, String value, String accepted, Function<String, T> parse,
            java.util.function.Predicate<T> valid) {
        T parsed;
        try {
            parsed = parse.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects " + accepted + ", got '" + value + "'");
        }
        if (!valid.test(parsed)) {
            throw new IllegalArgumentException(flag + " expects " + accepted + ", got '" + value + "'");
        }
        return parsed;
    }

    private static String text(String flag, String value, String accepted) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(flag + " expects " + accepted + ", got an empty value");
        }
        return value.trim();
    }

    private static List<String> models(String flag, String value) {
        List<String> models = Arrays.stream(value.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList();
        if (models.isEmpty()) {
            throw new IllegalArgumentException(flag + " expects a comma-separated list of model names, e.g. "
                    + "gpt-4o-mini,gpt-4o, got '" + value + "'");
        }
        return models;
    }
}
