package io.sluice.bench.process;

/** Reads CPU time out of {@code /proc/<pid>/stat}. */
public final class ProcStat {
    /** utime and stime are fields 14 and 15; counted from the state (field 3) that follows the command name. */
    private static final int UTIME_AFTER_COMM = 14 - 3;
    private static final int STIME_AFTER_COMM = 15 - 3;

    private ProcStat() {
    }

    /** User plus system CPU time in clock ticks. The command name may contain spaces and parentheses. */
    public static long cpuTicks(String statContent) {
        int close = statContent.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: no ')' after the command name");
        }
        String[] fields = statContent.substring(close + 1).trim().split("\\s+");
        if (fields.length <= STIME_AFTER_COMM) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: only " + fields.length
                    + " fields after the command name");
        }
        return Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[STIME_AFTER_COMM]);
    }
}
