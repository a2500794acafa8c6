package io.sluice.ingress.auth;

import java.util.Map;
import java.util.Optional;

/** A fixed set of keys, given by their SHA-256 hashes (from the YAML config). */
public final class StaticKeyDirectory implements KeyDirectory {

    private final Map<String, Caller> byHash;

    public StaticKeyDirectory(Map<String, Caller> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    @Override
    public Optional<Caller> find(String presentedKey) {
        return Optional.ofNullable(byHash.get(KeyHash.sha256Hex(presentedKey)));
    }
}
