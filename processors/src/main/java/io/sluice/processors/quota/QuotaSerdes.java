package io.sluice.processors.quota;

import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Compact binary serdes of the quota stores (read and written on every governed request). */
final class QuotaSerdes {
    private QuotaSerdes() {
    }

    static final Serde<CounterState> COUNTER = of(CounterState::toBytes, CounterState::fromBytes);
    static final Serde<Reservation> RESERVATION = of(Reservation::toBytes, Reservation::fromBytes);

    private static <T> Serde<T> of(Function<T, byte[]> write, Function<byte[], T> read) {
        return Serdes.serdeFrom((topic, v) -> v == null ? null : write.apply(v),
                (topic, b) -> b == null ? null : read.apply(b));
    }
}
