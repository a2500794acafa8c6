package io.sluice.launcher;

import io.sluice.launcher.config.ConfigLoader;
import io.sluice.launcher.config.SluiceConfig;
import java.io.PrintStream;

/** What {@code ./sluice run} prints once everything is up. */
final class Banner {
    private Banner() {
    }

    static void print(PrintStream out, Gateway g, long readyAfterMs) {
        SluiceConfig c = g.config();
        String host = c.server().host();
        out.println();
        out.println("Sluice is running (ready " + readyAfterMs + " ms after JVM start).");
        if (g.port() > 0) {
            out.println("  OpenAI API:     http://" + host + ":" + g.port() + "/v1");
        }
        out.println("  Kafka:          " + g.bootstrapServers()
                + (g.broker() != null ? "  (embedded broker, data in " + c.kafka().embedded().dataDir() + ")" : ""));
        if (g.simulator() != null) {
            out.println("  Simulator:      " + g.simulator().baseUrl() + "  (a fake LLM)");
        }
        out.println("  Roles:          " + c.roles());
        out.println("  Models:         " + String.join(", ", c.models().keySet()));
        if (c.demo()) {
            out.println("  API key:        " + ConfigLoader.DEMO_KEY);
            out.println("  Admin key:      " + ConfigLoader.DEMO_ADMIN_KEY + "  (for /admin)");
            out.println();
            out.println("WARNING: this is a demo setup: a well-known API key, an embedded single-node broker and");
            out.println("a simulated model. Do not expose it beyond this machine. See README.md to configure it.");
            out.println();
            out.println("Try:  curl http://" + host + ":" + g.port() + "/v1/chat/completions -H 'Authorization: Bearer "
                    + ConfigLoader.DEMO_KEY + "' -H 'Content-Type: application/json' \\");
            out.println("        -d '{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'");
        }
        out.flush();
    }
}
