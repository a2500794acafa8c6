package io.sluice.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpMetersTest {

    @Test
    void routeLabelsAreTemplatesNeverRawPaths() {
        assertThat(HttpMeters.route("/v1/chat/completions")).isEqualTo("/v1/chat/completions");
        assertThat(HttpMeters.route("/openai/deployments/my-secret-deployment/chat/completions"))
                .isEqualTo("/openai/deployments/{deployment}/chat/completions");
        assertThat(HttpMeters.route("/v1/models/gpt-4o")).isEqualTo("/v1/models/{model}");
        assertThat(HttpMeters.route("/admin/subscriptions/team-a/keys")).isEqualTo("/admin/*");
        assertThat(HttpMeters.route("/dashboard/app.js")).isEqualTo("/dashboard/*");
        assertThat(HttpMeters.route("/anything/the-client-typed")).isEqualTo("other");
        assertThat(HttpMeters.route(null)).isEqualTo("other");
    }
}
