package io.sluice.processors.batch;

import io.sluice.records.PromptRecord;

/**
 * The subscription limits batch lines are paced by. Implementations share the counters of the
 * interactive quota stage, so batch and interactive requests of one subscription draw from the
 * same windows; batch lines stop short of each per-minute limit by the interactive reserve.
 * This is the hook between the batch admission and token governance.
 */
interface QuotaWindow {

    /** Takes what {@code prompt} may use from its counter {@code counterKey}, or says when to ask again. */
    Grant take(String counterKey, PromptRecord prompt, long nowMs);

    /** A line that took {@code o.reserved()} finished having used {@code actualTokens}. */
    void settle(Outstanding o, long actualTokens);

    /** No limits: every line runs at once. */
    QuotaWindow OPEN = new QuotaWindow() {
        @Override
        public Grant take(String counterKey, PromptRecord prompt, long nowMs) {
            return Grant.Granted.FREE;
        }

        @Override
        public void settle(Outstanding o, long actualTokens) {
        }
    };
}
