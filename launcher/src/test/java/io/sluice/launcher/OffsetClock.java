package io.sluice.launcher;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset a test moves forward, so a whole gateway lives through seconds
 * of breaker time at once while its timers and network keep real time.
 */
final class OffsetClock extends Clock {

    private volatile long offsetMs;

    void advance(long ms) {
        offsetMs += ms;
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMs;
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMs);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
