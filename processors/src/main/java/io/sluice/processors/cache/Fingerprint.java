package io.sluice.processors.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 fingerprints of request parts: whole for entry keys, 64 bits for scope parts. */
final class Fingerprint {

    private Fingerprint() {
    }

    static String full(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    /** 16 hex digits: enough that two different system prompts in one deployment never collide. */
    static String short64(String text) {
        return full(text).substring(0, 16);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
