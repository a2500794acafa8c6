package io.sluice.processors.batch;

import io.sluice.records.ApiError;
import java.util.Optional;

/**
 * Authenticates the API key in a line produced straight to Kafka. The launcher adapts the key
 * directory ingress uses, so a key works (or is refused) the same way on both paths.
 */
public interface BatchKeys {

    Optional<BatchCaller> find(String presentedKey);

    /** Why a key {@link #find} does not accept is refused. */
    default ApiError refusal(String presentedKey) {
        return ApiError.invalidKey();
    }

    /** Accepts no key (no directory configured). */
    BatchKeys NONE = key -> Optional.empty();
}
