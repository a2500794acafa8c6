package io.sluice.ingress.auth;

import io.sluice.records.ApiError;
import java.util.Optional;

/** Finds the caller an API key belongs to. Implementations compare hashes, never stored keys. */
public interface KeyDirectory {
    Optional<Caller> find(String presentedKey);

    /** Why a key that {@link #find} does not accept is refused (unknown, revoked, suspended...). */
    default ApiError refusal(String presentedKey) {
        return ApiError.invalidKey();
    }
}
