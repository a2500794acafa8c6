package io.sluice.records;

import java.time.Clock;
import java.time.Instant;

/** Epoch-microsecond time from an injected clock, the unit of every hop timestamp. */
public final class Micros {
    private Micros() {
    }

    public static long now(Clock clock) {
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000L;
    }
}
