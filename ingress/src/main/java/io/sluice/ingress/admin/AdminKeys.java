package io.sluice.ingress.admin;

import io.sluice.ingress.auth.KeyHash;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The admin keys, held as SHA-256 hashes and compared in constant time. */
public final class AdminKeys {

    private final Set<String> hashes;

    public AdminKeys(Set<String> sha256Hashes) {
        this.hashes = Set.copyOf(sha256Hashes);
    }

    public boolean accepts(String presentedKey) {
        if (presentedKey == null) {
            return false;
        }
        byte[] presented = KeyHash.sha256Hex(presentedKey).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String h : hashes) {
            match |= MessageDigest.isEqual(presented, h.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }
}
