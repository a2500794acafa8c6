package io.sluice.bench.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void commandLineMasksKeysAndCredentialHeadersOnly() {
        String line = Secrets.commandLine("sluice bench", List.of("--sluice-key", "sk-real", "--rates", "50,200",
                "--compare-header", "Authorization: Bearer abc", "--compare-header", "x-route: eu",
                "--backend-key=sk-b"));
        assertThat(line).isEqualTo("sluice bench --sluice-key '***' --rates 50,200 --compare-header "
                + "'Authorization: ***' --compare-header 'x-route: eu' '--backend-key=***'");
        assertThat(line).doesNotContain("sk-real", "abc", "sk-b");
    }

    @Test
    void redactedConfigKeepsSettingsButNotSecrets() {
        BenchConfig c = BenchFlags.parse(List.of("--sluice-key", "sk-real", "--compare-url", "http://127.0.0.1:1/v1",
                "--compare-header", "api-key: zzz", "--compare-header", "x-route: eu"));
        BenchConfig r = Secrets.redact(c);
        assertThat(r.sluice().key()).isEqualTo("***");
        assertThat(r.compare().headers()).containsEntry("api-key", "***").containsEntry("x-route", "eu");
        assertThat(r.args()).isEmpty();
        assertThat(r.load()).isEqualTo(c.load());
    }
}
