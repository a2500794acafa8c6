package io.sluice.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.observability.ObservabilitySettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilitySectionTest {

    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    private ObservabilitySettings load(String yaml) {
        return loader.loadString("sluice.yaml", yaml).observability();
    }

    @Test
    void onByDefaultWithOpenMetricsNoSpansAndTheRequestLog() {
        ObservabilitySettings s = load("");
        assertThat(s.enabled()).isTrue();
        assertThat(s.metricsRequireAdminKey()).isFalse();
        assertThat(s.otlpEndpoint()).isNull();
        assertThat(s.requestLog()).isTrue();
        assertThat(s.activityDays()).isEqualTo(7);
    }

    @Test
    void readsEveryKey() {
        ObservabilitySettings s = load("""
                observability:
                  enabled: true
                  metrics-require-admin-key: true
                  otlp-endpoint: http://collector:4318
                  trace-sample-ratio: 0.25
                  service-name: gw-eu
                  request-log: false
                  activity-days: 3
                  end-user-header: X-User-Id
                """);
        assertThat(s.metricsRequireAdminKey()).isTrue();
        assertThat(s.otlpTracesUrl()).isEqualTo("http://collector:4318/v1/traces");
        assertThat(s.traceSampleRatio()).isEqualTo(0.25);
        assertThat(s.serviceName()).isEqualTo("gw-eu");
        assertThat(s.requestLog()).isFalse();
        assertThat(s.activityDays()).isEqualTo(3);
        assertThat(s.endUserHeader()).isEqualTo("x-user-id");
        assertThat(load("observability: { enabled: false }").enabled()).isFalse();
    }

    @Test
    void mistakesNameTheKeyAndTheFix() {
        assertThat(catchThrowableOfType(ConfigException.class,
                () -> load("observability: { otlp-endpoint: collector:4318 }")).getMessage())
                .contains("observability.otlp-endpoint").contains("http://otel-collector:4318");
        assertThat(catchThrowableOfType(ConfigException.class,
                () -> load("observability: { trace-sample-ratio: 2 }")).getMessage())
                .contains("observability.trace-sample-ratio");
        assertThat(catchThrowableOfType(ConfigException.class,
                () -> load("observability: { end-user-header: 'x user' }")).getMessage())
                .contains("observability.end-user-header");
        assertThat(catchThrowableOfType(ConfigException.class,
                () -> load("observability: { metrics: on }")).getMessage()).contains("observability");
    }
}
