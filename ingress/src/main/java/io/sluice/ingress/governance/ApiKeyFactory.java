package io.sluice.ingress.governance;

import io.sluice.ingress.auth.KeyHash;
import io.sluice.records.governance.ApiKeyEntry;
import java.security.SecureRandom;
import java.time.Instant;

/** Issues API keys: {@code sk-sluice-} and 40 random base-62 characters (238 bits), stored as SHA-256. */
public final class ApiKeyFactory {

    public static final String KEY_PREFIX = "sk-sluice-";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int SECRET_CHARS = 40;
    /** Characters of a key shown in lists: the fixed prefix and four random ones. */
    private static final int SHOWN_CHARS = KEY_PREFIX.length() + 4;

    private final SecureRandom random = new SecureRandom();

    /** A new key (to show once) and what is stored of it. */
    public record Issued(String key, ApiKeyEntry entry) {
    }

    public Issued issue(String subscriptionId, String name, Instant now) {
        String key = KEY_PREFIX + randomChars(SECRET_CHARS);
        return new Issued(key, entry(subscriptionId, key, name, now));
    }

    /** What is stored of a key the administrator brings: its hash and the start shown in lists. */
    public ApiKeyEntry entry(String subscriptionId, String key, String name, Instant now) {
        return new ApiKeyEntry("key_" + randomChars(16), subscriptionId, KeyHash.sha256Hex(key),
                key.substring(0, Math.min(SHOWN_CHARS, key.length() / 3)), name, false, now.toString(), null, null);
    }

    private String randomChars(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
