package io.sluice.launcher;

import io.sluice.launcher.config.ConfigLoader;
import io.sluice.launcher.config.SluiceConfig;
import io.sluice.records.UsageEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * A whole gateway (all three roles and the built-in simulator) against the shared test broker,
 * on free ports and its own topic prefix, plus a reader of its usage topic.
 */
final class GatewayFixture implements AutoCloseable {

    final Gateway gateway;
    final String prefix;
    private final UsageReader usage;

    GatewayFixture(String extraYaml) throws Exception {
        this("", extraYaml);
    }

    /** @param serverYaml extra lines for the server section, each indented by two spaces */
    GatewayFixture(String serverYaml, String extraYaml) throws Exception {
        this(serverYaml, extraYaml, Clock.systemUTC());
    }

    /** @param clock the time every role of the gateway reads */
    GatewayFixture(String serverYaml, String extraYaml, Clock clock) throws Exception {
        this(serverYaml, extraYaml, clock, null);
    }

    /** @param spans receives every span the gateway records (instead of OTLP), or null */
    GatewayFixture(String serverYaml, String extraYaml, Clock clock,
            io.opentelemetry.sdk.trace.export.SpanExporter spans) throws Exception {
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Path state = Files.createTempDirectory("sluice-streams");
        String yaml = TestGatewayYaml.base(prefix, "it-" + prefix.replace(".", ""), serverYaml, state) + """
                simulator:
                  enabled: true
                %s
                """.formatted(extraYaml);
        SluiceConfig config = ConfigLoader.withSystemEnv().loadString("test.yaml", yaml);
        gateway = Gateway.start(config, clock, spans);
        usage = new UsageReader(prefix, "usage-reader");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    UsageEvent usage(String requestId) {
        return usage.usage(requestId);
    }

    int usageCount(String requestId) {
        return usage.usageCount(requestId);
    }

    @Override
    public void close() throws Exception {
        usage.close();
        gateway.close();
    }
}
