package io.sluice.safety.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordAndRegexDetectorTest {

    @Test
    void aKeywordIsFoundInTextOutsideAsciiAsThePatternFoldsCase() {
        // the long s 'ſ' matches 's' case-insensitively, though "ſecret".toLowerCase() contains no "secret"
        assertThat(new KeywordDetector(List.of("secret")).find("the \u017Fecret plan")).hasSize(1);
    }

    @Test
    void keywordsMatchWholeWordsCaseInsensitively() {
        KeywordDetector d = new KeywordDetector(List.of("Project Falcon", "secret"));
        assertThat(d.find("about PROJECT   falcon and the Secret.")).hasSize(2);
        assertThat(d.find("secretary and projectfalcon")).isEmpty();
    }

    @Test
    void keywordsNeedAtLeastOneEntry() {
        assertThatThrownBy(() -> new KeywordDetector(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeywordDetector(List.of(" "))).hasMessageContaining("empty");
    }

    @Test
    void regexFindsEveryPatternsMatches() {
        RegexDetector d = new RegexDetector(List.of("(?i)internal\\s+only", "TICKET-\\d+"));
        List<Finding> found = d.find("Internal only: see TICKET-42 and TICKET-7");
        assertThat(found).extracting(Finding::start).containsExactly(0, 19, 33);
    }

    @Test
    void aBadRegexIsNamed() {
        assertThatThrownBy(() -> new RegexDetector(List.of("ok", "(unclosed")))
                .hasMessageContaining("'(unclosed'");
    }
}
