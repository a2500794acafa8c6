package io.sluice.processors.reply;

/** Names of the nodes of the gateway topology, shared by the stages that forward to them. */
public final class NodeNames {
    public static final String SOURCE = "requests-source";
    public static final String ADMISSION = "admission";
    public static final String ROUTING = "routing";
    public static final String DISPATCH_SINK = "dispatch-sink";
    public static final String REPLY_SINK = "reply-sink";
    public static final String USAGE_SINK = "usage-sink";
    /** Where a request that held a quota reservation and ended in the processors returns it. */
    public static final String RECONCILE_SINK = "reconcile-sink";

    private NodeNames() {
    }
}
