package io.sluice.egress.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventParserTest {

    private final List<String> events = new ArrayList<>();
    private final SseEventParser parser = new SseEventParser(b -> events.add(new String(b, StandardCharsets.UTF_8)));

    private void feed(String s) {
        parser.feed(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void yieldsEachEventsDataWhateverTheSplit() {
        String stream = "data: {\"a\":1}\n\ndata: {\"b\":2}\n\ndata: [DONE]\n\n";
        for (int i = 0; i < stream.length(); i++) {
            feed(String.valueOf(stream.charAt(i)));
        }
        assertThat(events).containsExactly("{\"a\":1}", "{\"b\":2}", "[DONE]");
    }

    @Test
    void acceptsCrlfLineEndingsAndJoinsMultiLineData() {
        feed("data: one\r\ndata: two\r\n\r\n");
        assertThat(events).containsExactly("one\ntwo");
    }

    @Test
    void ignoresCommentsAndOtherFields() {
        feed(": keep-alive\n\nevent: message\nid: 7\ndata: x\n\n");
        assertThat(events).containsExactly("x");
    }

    @Test
    void deliversAnEventLeftUnterminatedWhenTheStreamEnds() {
        feed("data: last");
        assertThat(events).isEmpty();
        parser.finish();
        assertThat(events).containsExactly("last");
    }

    @Test
    void keepsMultiByteCharactersSplitAcrossFeeds() {
        byte[] all = "data: héllo ✓\n\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : all) {
            parser.feed(new byte[] {b});
        }
        assertThat(events).containsExactly("héllo ✓");
    }
}
