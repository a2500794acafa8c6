package io.sluice.launcher;

import io.sluice.testing.TestKafka;
import java.nio.file.Path;

/** The config sections every test gateway shares: the shared test broker, a topic prefix, a free port. */
final class TestGatewayYaml {

    private TestGatewayYaml() {
    }

    /**
     * The kafka, server and processors sections.
     *
     * @param serverYaml extra lines for the server section, each indented by two spaces, or empty
     */
    static String base(String prefix, String instanceId, String serverYaml, Path stateDir) {
        return """
                kafka:
                  bootstrap-servers: %s
                  topic-prefix: %s
                  partitions: 2
                  replication-factor: 1
                server:
                  port: 0
                  instance-id: %s
                %s
                processors:
                  state-dir: %s
                """.formatted(TestKafka.shared().bootstrapServers(), prefix, instanceId, serverYaml, stateDir);
    }
}
