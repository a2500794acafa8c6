package io.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.launcher.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real headless Chromium: it refuses without an admin key, loads with one,
 * shows the numbers the admin API reports, and updates after new traffic without a reload. A
 * screenshot is kept at {@code launcher/target/dashboard.png}.
 */
class DashboardBrowserIT {

    private static GatewayFixture fx;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        Path binary = HeadlessChromium.binary().orElse(null);
        Assumptions.assumeTrue(binary != null, "no Chromium binary (install Debian's chromium, or pass "
                + "-Dsluice.test.chromium=PATH): the dashboard browser test is skipped");
        fx = new GatewayFixture("");
        browser = HeadlessChromium.start(binary);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    private static void chat(String question) {
        assertThat(Http.chat(fx.baseUrl(), ConfigLoader.DEMO_KEY, "{\"model\":\"gpt-4o-mini\",\"user\":\"u-"
                + question.length() + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}")
                .statusCode()).isEqualTo(200);
    }

    private static long apiTodayRequests() {
        JsonNode s = Http.json(Http.call("GET", fx.baseUrl() + "/admin/dashboard/summary",
                ConfigLoader.DEMO_ADMIN_KEY, null));
        return s.path("today").path("requests").asLong();
    }

    private static void signIn(String key) throws Exception {
        browser.eval("document.getElementById('admin-key').value = " + io.sluice.records.Json.toString(key)
                + "; document.getElementById('login-form').requestSubmit(); true");
    }

    private static long shown(String id) throws Exception {
        String text = browser.text(id);
        return text == null || text.equals("–") ? -1 : Long.parseLong(text.replace(",", ""));
    }

    @Test
    void theDashboardRefusesWithoutAnAdminKeyThenShowsAndFollowsTheLiveNumbers() throws Exception {
        chat("What is two plus two?");
        chat("Name a colour.");
        chat("Say hello.");
        await().atMost(Duration.ofSeconds(20)).until(() -> apiTodayRequests() == 3);

        browser.open(fx.baseUrl() + "/dashboard");
        assertThat(browser.visible("login")).isTrue();
        assertThat(browser.visible("board")).isFalse();

        signIn(ConfigLoader.DEMO_KEY);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text("login-error").startsWith("Refused"));
        assertThat(browser.text("login-error").toLowerCase(Locale.ROOT)).contains("admin");
        assertThat(browser.visible("board")).isFalse();
        assertThat(browser.text("today-requests")).isEqualTo("–");

        signIn(ConfigLoader.DEMO_ADMIN_KEY);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.visible("board"));
        await().atMost(Duration.ofSeconds(10)).until(() -> shown("today-requests") == apiTodayRequests());
        assertThat(shown("today-requests")).isEqualTo(3);
        JsonNode api = Http.json(Http.call("GET", fx.baseUrl() + "/admin/dashboard/summary",
                ConfigLoader.DEMO_ADMIN_KEY, null));
        assertThat(shown("today-tokens")).isEqualTo(api.path("today").path("total_tokens").asLong());
        assertThat(browser.text("status")).isEqualTo("live");
        assertThat(browser.eval("document.querySelectorAll('#backends tbody tr').length").asInt()).isEqualTo(1);
        assertThat(browser.eval("document.querySelector('#consumers tbody td').textContent").asText())
                .isEqualTo("demo");

        chat("Count to three.");
        chat("Name a fruit.");
        await().atMost(Duration.ofSeconds(15)).until(() -> shown("today-requests") == 5);
        assertThat(shown("today-requests")).isEqualTo(apiTodayRequests());
        assertThat(browser.text("rps")).isNotEqualTo("–");

        Path shot = Path.of("target", "dashboard.png");
        browser.screenshot(shot);
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }
}
