package io.sluice.simulator.completion;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerTextTest {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final List<Encoding> ENCODINGS = List.of(
            REGISTRY.getEncoding(EncodingType.O200K_BASE), REGISTRY.getEncoding(EncodingType.CL100K_BASE));

    @Test
    void everyPieceIsOneTokenInBothEncodings() {
        for (Encoding encoding : ENCODINGS) {
            for (String piece : AnswerText.vocabulary()) {
                assertThat(encoding.countTokens(piece)).as("%s in %s", piece, encoding.getName()).isEqualTo(1);
            }
        }
    }

    @Test
    void joinedTextHasExactlyOneTokenPerPiece() {
        for (long seed = 0; seed < 200; seed++) {
            int length = 1 + (int) (seed * 7 % 90);
            String text = AnswerText.join(AnswerText.pieces(seed, length), length);
            for (Encoding encoding : ENCODINGS) {
                assertThat(encoding.countTokens(text)).as("seed %d: %s", seed, text).isEqualTo(length);
            }
        }
    }

    @Test
    void isDeterministicPerSeedAndVariesAcrossSeeds() {
        assertThat(AnswerText.pieces(42, 30)).containsExactly(AnswerText.pieces(42, 30));
        assertThat(AnswerText.pieces(43, 30)).isNotEqualTo(AnswerText.pieces(42, 30));
    }

    @Test
    void formsWholeSentences() {
        String text = AnswerText.join(AnswerText.pieces(7, 40), 40);

        assertThat(text).matches("[A-Z][a-z]*( [A-Za-z]+|\\.)*\\.");
        assertThat(text).doesNotContain("..");
    }
}
