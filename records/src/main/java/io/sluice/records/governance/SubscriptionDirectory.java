package io.sluice.records.governance;

/** Looks up the runtime configuration the processors need: subscriptions and their spend. */
public interface SubscriptionDirectory {

    /** The subscription, or null when there is none with this id. */
    Subscription subscription(String id);

    /** What the subscription spent in its budget period, or null when nothing was counted yet. */
    Spend spend(String subscriptionId);

    /** A directory that knows no subscription. */
    SubscriptionDirectory EMPTY = new SubscriptionDirectory() {
        @Override
        public Subscription subscription(String id) {
            return null;
        }

        @Override
        public Spend spend(String subscriptionId) {
            return null;
        }
    };
}
