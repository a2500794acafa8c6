package io.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseContentDetectorTest {
    private static final String ROLE = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
            + "\"content\":\"\"}}]}\n\n";
    private static final String TOKEN = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ignoresTheRoleOnlyChunkAndFindsTheFirstContent() {
        SseContentDetector detector = new SseContentDetector();
        assertThat(detector.feed(bytes(ROLE))).isFalse();
        assertThat(detector.feed(bytes(TOKEN))).isTrue();
        assertThat(detector.contentSeen()).isTrue();
    }

    @Test
    void findsContentSplitAcrossChunksAtAnyByte() {
        String stream = ROLE + TOKEN;
        for (int cut = 1; cut < stream.length(); cut++) {
            SseContentDetector detector = new SseContentDetector();
            boolean first = detector.feed(bytes(stream.substring(0, cut)));
            boolean second = detector.feed(bytes(stream.substring(cut)));
            assertThat(first).as("cut at %d", cut).isEqualTo(cut >= ROLE.length() + TOKEN.indexOf('\n') + 1);
            assertThat(second).as("cut at %d", cut).isTrue();
        }
    }

    @Test
    void usageChunksCommentsAndDoneAreNotContent() {
        SseContentDetector detector = new SseContentDetector();
        assertThat(detector.feed(bytes(": keep-alive\r\n\r\n"
                + "data: {\"choices\":[],\"usage\":{\"total_tokens\":3}}\r\n\r\n"
                + "data: not json\n\n"
                + "data: [DONE]\n\n"))).isFalse();
    }
}
