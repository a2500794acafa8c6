package io.sluice.launcher.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void showsTheShareDoneFailuresRateAndStatus() {
        String line = ProgressBar.render(512, 3, 1024, 2.0, "in_progress");
        assertThat(line).startsWith("[" + "#".repeat(15) + "-".repeat(15) + "] 512/1024 50% (3 failed) 256 lines/s")
                .endsWith("in_progress");
        assertThat(ProgressBar.render(0, 0, 0, 0, "validating")).contains("0/0 0%").doesNotContain("failed");
    }
}
