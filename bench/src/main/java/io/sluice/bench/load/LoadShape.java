package io.sluice.bench.load;

/** How load is offered in a step: a fixed request rate (open loop) or a fixed number of clients (closed loop). */
public sealed interface LoadShape {

    /** Short label for tables, e.g. {@code open 200/s} or {@code closed c=16}. */
    String label();

    /** Sends on a fixed schedule of intended times, whatever the target does. */
    record OpenLoop(double ratePerSecond) implements LoadShape {
        public OpenLoop {
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
                throw new IllegalArgumentException("rate must be > 0 requests/s, got " + ratePerSecond);
            }
        }

        @Override
        public String label() {
            String rate = ratePerSecond == Math.rint(ratePerSecond) ? String.valueOf((long) ratePerSecond)
                    : String.format(java.util.Locale.ROOT, "%.1f", ratePerSecond);
            return "open " + rate + "/s";
        }
    }

    /** A fixed number of clients, each sending its next request as soon as the previous one ends. */
    record ClosedLoop(int concurrency) implements LoadShape {
        public ClosedLoop {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
            }
        }

        @Override
        public String label() {
            return "closed c=" + concurrency;
        }
    }
}
