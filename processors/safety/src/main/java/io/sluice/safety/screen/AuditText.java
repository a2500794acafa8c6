package io.sluice.safety.screen;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.safety.policy.AuditSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an audit event may say about a checked text: its SHA-256, the text with every finding masked
 * (shortened to the excerpt length), and the raw text only when the operator configured it.
 */
public record AuditText(@JsonProperty("sha256") String sha256, @JsonProperty("excerpt") String excerpt,
        @JsonProperty("raw") String raw) {

    public static AuditText of(String rawText, String maskedText, AuditSettings settings) {
        String excerpt = null;
        if (settings.excerptChars() > 0 && maskedText != null && !maskedText.isEmpty()) {
            excerpt = maskedText.length() <= settings.excerptChars() ? maskedText
                    : maskedText.substring(0, settings.excerptChars()) + "…";
        }
        return new AuditText(rawText == null ? null : sha256(rawText), excerpt,
                settings.includeRawText() ? rawText : null);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
