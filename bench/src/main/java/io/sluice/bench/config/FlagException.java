package io.sluice.bench.config;

/** A bad command-line flag; the message names the flag and says what is expected. */
public final class FlagException extends IllegalArgumentException {
    public FlagException(String message) {
        super(message);
    }
}
