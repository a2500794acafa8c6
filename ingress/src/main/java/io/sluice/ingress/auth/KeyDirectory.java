package io.sluice.ingress.auth;

import java.util.Optional;

/** Finds the caller an API key belongs to. Implementations compare hashes, never stored keys. */
public interface KeyDirectory {
    Optional<Caller> find(String presentedKey);
}
