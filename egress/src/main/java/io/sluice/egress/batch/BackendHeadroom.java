package io.sluice.egress.batch;

import io.sluice.egress.pacing.BackendPacer;
import io.sluice.egress.pool.LiveBackend;
import io.sluice.egress.pool.LiveBackends;
import io.sluice.records.RoutePlan;

/**
 * Whether a batch line may take capacity from its pool now: some member either declares no
 * capacity, or has more than the interactive reserve of its burst free. Interactive requests take
 * from the same pacers without this check, so they always find that reserve.
 */
final class BackendHeadroom {

    private final LiveBackends backends;
    private final double reserve;

    BackendHeadroom(LiveBackends backends, double reserve) {
        this.backends = backends;
        this.reserve = reserve;
    }

    boolean available(RoutePlan plan) {
        for (String id : plan.backends()) {
            LiveBackend b = backends.get(id);
            if (b == null) {
                continue;
            }
            if (!b.pacer().capacity().limited()) {
                return true;
            }
            BackendPacer.Snapshot s = b.pacer().snapshot();
            double burst = b.pacer().capacity().burstSeconds() / 60.0 * s.share();
            if (free(s.requestsPerMinute(), s.requestsAvailable(), burst)
                    && free(s.tokensPerMinute(), s.tokensAvailable(), burst)) {
                return true;
            }
        }
        return false;
    }

    private boolean free(long perMinute, long available, double burstShare) {
        return perMinute <= 0 || available > reserve * perMinute * burstShare;
    }
}
