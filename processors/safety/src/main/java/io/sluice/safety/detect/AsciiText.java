package io.sluice.safety.detect;

/**
 * Whether a lower-cased {@code contains}/{@code indexOf} pre-filter agrees with a case-insensitive
 * Unicode pattern: only for ASCII text. Outside ASCII the pattern folds more pairs together
 * ('İ' and 'i', 'ſ' and 's') than {@code toLowerCase} does, so the pre-filter would miss matches.
 */
final class AsciiText {
    private AsciiText() {
    }

    static boolean is(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}
