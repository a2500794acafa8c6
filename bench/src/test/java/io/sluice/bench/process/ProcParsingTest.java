package io.sluice.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcParsingTest {
    static final String JAVA_STAT = "12345 (java) S 1 12345 12345 0 -1 4194560 98113 0 12 0 1520 385 0 0 20 0 "
            + "42 0 3771431 4133392384 65342 18446744073709551615 1 1 0 0 0 0 0 2 16800975 0 0 0 17 1 0 0 0 0 0";
    static final String STATUS = """
            Name:\tjava
            State:\tS (sleeping)
            Pid:\t12345
            VmPeak:\t 4036516 kB
            VmSize:\t 4036516 kB
            VmHWM:\t  301204 kB
            VmRSS:\t  261368 kB
            Threads:\t42
            """;

    @Test
    void cpuTicksAreUtimePlusStime() {
        assertThat(ProcStat.cpuTicks(JAVA_STAT)).isEqualTo(1520 + 385);
    }

    @Test
    void commandNamesWithSpacesAndParenthesesDoNotShiftTheFields() {
        String odd = JAVA_STAT.replace("(java)", "(my (odd) name)");
        assertThat(ProcStat.cpuTicks(odd)).isEqualTo(1905);
    }

    @Test
    void rejectsTextThatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcStat.cpuTicks("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.cpuTicks("1 (x) S 1 2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void memoryFieldsAreReadInBytes() {
        assertThat(ProcStatus.bytes(STATUS, "VmHWM")).isEqualTo(301_204L * 1024);
        assertThat(ProcStatus.bytes(STATUS, "VmRSS")).isEqualTo(261_368L * 1024);
        assertThat(ProcStatus.bytes(STATUS, "VmSwap")).isEqualTo(-1);
    }
}
