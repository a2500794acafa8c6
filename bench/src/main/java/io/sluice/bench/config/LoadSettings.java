package io.sluice.bench.config;

import java.util.List;

/** How load is offered: the steps, their length, and the client's limits. */
public record LoadSettings(List<Double> rates, List<Integer> concurrencies, long durationMs, long warmupMs,
        boolean stream, int maxOutstanding, long requestTimeoutMs, int connections, int clientEventLoops,
        String model) {

    public LoadSettings {
        rates = List.copyOf(rates);
        concurrencies = List.copyOf(concurrencies);
        for (double rate : rates) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new FlagException("--rates: every rate must be a number of requests per second > 0, got "
                        + rate);
            }
        }
        for (int c : concurrencies) {
            if (c < 1) {
                throw new FlagException("--concurrency: every level must be >= 1, got " + c);
            }
        }
        if (durationMs < 100) {
            throw new FlagException("--duration must be at least 100ms, got " + durationMs + "ms");
        }
        if (warmupMs < 0) {
            throw new FlagException("--warmup must be >= 0, got " + warmupMs + "ms");
        }
        if (maxOutstanding < 1) {
            throw new FlagException("--max-outstanding must be >= 1, got " + maxOutstanding);
        }
        if (requestTimeoutMs < 1) {
            throw new FlagException("--timeout must be > 0, got " + requestTimeoutMs + "ms");
        }
        if (connections < 1) {
            throw new FlagException("--connections must be >= 1, got " + connections);
        }
        if (clientEventLoops < 1 || clientEventLoops > 64) {
            throw new FlagException("--client-event-loops must be 1..64, got " + clientEventLoops);
        }
        if (model == null || model.isBlank()) {
            throw new FlagException("--model must name a model, e.g. gpt-4o-mini");
        }
    }
}
