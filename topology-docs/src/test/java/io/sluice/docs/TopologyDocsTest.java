package io.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyDocsTest {

    /** The module folder (Maven runs tests there), where the committed documents live. */
    private static final Path DOCS = Path.of(System.getProperty("sluice.docs.dir", "."));

    @Test
    void committedDocsMatchTheCode() throws Exception {
        Map<String, String> generated = TopologyDocs.generate();
        if (Boolean.getBoolean("sluice.docs.write")) {
            for (Map.Entry<String, String> e : generated.entrySet()) {
                Files.writeString(DOCS.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        }
        for (Map.Entry<String, String> e : generated.entrySet()) {
            Path file = DOCS.resolve(e.getKey());
            assertThat(file).as("topology-docs/%s is missing; regenerate with "
                    + "mvn -pl topology-docs -am test -Dsluice.docs.write=true", e.getKey()).exists();
            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .as("topology-docs/%s is stale; regenerate with "
                            + "mvn -pl topology-docs -am test -Dsluice.docs.write=true and commit it", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void theTopologyDocumentShowsEveryNodeOfTheInteractivePath() {
        String doc = TopologyDocs.topology();
        assertThat(doc).contains("requests-source", "admission", "routing", "dispatch-sink", "reply-sink",
                "usage-sink", "sluice.requests", "sluice.dispatch", "sluice.usage");
    }
}
