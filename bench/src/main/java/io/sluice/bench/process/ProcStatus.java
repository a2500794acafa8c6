package io.sluice.bench.process;

/** Reads memory figures out of {@code /proc/<pid>/status}. */
public final class ProcStatus {
    private ProcStatus() {
    }

    /** The value of a {@code kB} field such as {@code VmHWM} or {@code VmRSS}, in bytes; -1 when absent. */
    public static long bytes(String statusContent, String field) {
        for (String line : statusContent.split("\n")) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return -1;
    }
}
