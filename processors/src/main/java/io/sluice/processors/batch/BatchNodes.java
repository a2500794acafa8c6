package io.sluice.processors.batch;

/** Names of the batch nodes of the processors topology. */
public final class BatchNodes {
    public static final String INTAKE_SOURCE = "batch-intake-source";
    public static final String INTAKE = "batch-intake";
    public static final String INTAKE_LINES_SINK = "batch-intake-lines-sink";
    public static final String INTAKE_RESULT_SINK = "batch-intake-result-sink";
    public static final String LINES_SOURCE = "batch-lines-source";
    public static final String OUTCOMES_SOURCE = "batch-outcomes-source";
    public static final String SCHEDULER = "batch-scheduler";
    public static final String DISPATCH_SINK = "batch-dispatch-sink";
    public static final String RESULT_SINK = "batch-result-sink";
    public static final String STATE_SINK = "batch-state-sink";
    public static final String USAGE_SINK = "batch-usage-sink";

    private BatchNodes() {
    }
}
