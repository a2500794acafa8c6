package io.sluice.ingress.http;

import io.sluice.records.ApiError;

/** Ends request handling with an error the client sees as is. */
public final class ApiException extends RuntimeException {
    private final transient ApiError error;

    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
