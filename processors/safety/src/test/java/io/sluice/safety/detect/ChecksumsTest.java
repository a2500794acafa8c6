package io.sluice.safety.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumsTest {

    @Test
    void luhnAcceptsValidAndRejectsAlteredNumbers() {
        assertThat(Checksums.luhn("79927398713")).isTrue();
        assertThat(Checksums.luhn("79927398710")).isFalse();
        assertThat(Checksums.luhn("4111111111111111")).isTrue();
        assertThat(Checksums.luhn("")).isFalse();
        assertThat(Checksums.luhn("41a1")).isFalse();
    }

    @Test
    void ibanChecksumIsMod97EqualsOne() {
        assertThat(Checksums.iban("GB82WEST12345698765432")).isTrue();
        assertThat(Checksums.iban("gb82west12345698765432")).isTrue();
        assertThat(Checksums.iban("GB82WEST12345698765433")).isFalse();
        assertThat(Checksums.iban("GB82")).isFalse();
    }
}
