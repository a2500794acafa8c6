package io.sluice.bench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchFlagsTest {

    private static BenchConfig parse(String... args) {
        return BenchFlags.parse(List.of(args));
    }

    @Test
    void defaultsMeasureDirectAndSluiceAtThreeRates() {
        BenchConfig c = parse();
        assertThat(c.targets()).containsExactly(TargetKind.DIRECT, TargetKind.SLUICE);
        assertThat(c.load().rates()).containsExactly(50.0, 200.0, 1000.0);
        assertThat(c.load().concurrencies()).isEmpty();
        assertThat(c.load().durationMs()).isEqualTo(30_000);
        assertThat(c.load().warmupMs()).isEqualTo(10_000);
        assertThat(c.load().maxOutstanding()).isEqualTo(10_000);
        assertThat(c.findMax().maxP99Ms()).isEqualTo(1000);
        assertThat(c.backend().latencyMs()).isZero();
        assertThat(c.backend().tokensPerSecond()).isZero();
        assertThat(c.backend().usesSimulator()).isTrue();
        assertThat(c.sluice().startsProcess()).isTrue();
        assertThat(c.sluice().key()).isEqualTo("sk-bench-key");
        assertThat(c.outDir()).isEqualTo("bench-results");
    }

    @Test
    void readsEveryKindOfValue() {
        BenchConfig c = parse("--targets", "direct,portkey", "--rates=10,20.5", "--concurrency", "4,16",
                "--duration", "1500ms", "--warmup", "0", "--stream", "--backend-latency-ms", "25",
                "--tokens-per-second", "50", "--max-outstanding", "7", "--compare-url", "http://127.0.0.1:9/v1/",
                "--compare-header", "x-a: 1", "--compare-header", "Authorization: Bearer k", "--out", "/tmp/x");
        assertThat(c.targets()).containsExactly(TargetKind.DIRECT, TargetKind.PORTKEY);
        assertThat(c.load().rates()).containsExactly(10.0, 20.5);
        assertThat(c.load().concurrencies()).containsExactly(4, 16);
        assertThat(c.load().durationMs()).isEqualTo(1500);
        assertThat(c.load().warmupMs()).isZero();
        assertThat(c.load().stream()).isTrue();
        assertThat(c.backend().latencyMs()).isEqualTo(25);
        assertThat(c.backend().tokensPerSecond()).isEqualTo(50.0);
        assertThat(c.load().maxOutstanding()).isEqualTo(7);
        assertThat(c.compare().url()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(c.compare().headers()).containsEntry("x-a", "1").containsEntry("Authorization", "Bearer k");
        assertThat(c.outDir()).isEqualTo("/tmp/x");
    }

    @Test
    void concurrencyAloneReplacesTheDefaultRates() {
        assertThat(parse("--concurrency", "16").load().rates()).isEmpty();
    }

    @Test
    void portkeyAndCompareUrlAddTargetsToTheDefaults() {
        assertThat(parse("--portkey", "--compare-url", "http://127.0.0.1:1/v1").targets())
                .containsExactly(TargetKind.DIRECT, TargetKind.SLUICE, TargetKind.COMPARE, TargetKind.PORTKEY);
    }

    @Test
    void errorsNameTheFlag() {
        assertRejected("--rats is not a flag", List.of("--rats", "5"), "--rats: unknown flag");
        assertRejected("missing value", List.of("--duration"), "--duration needs a value");
        assertRejected("bad duration", List.of("--duration", "soon"), "--duration: expected a duration");
        assertRejected("negative rate", List.of("--rates", "50,-1"), "--rates");
        assertRejected("zero concurrency", List.of("--concurrency", "0"), "--concurrency");
        assertRejected("not a number", List.of("--max-outstanding", "many"), "--max-outstanding");
        assertRejected("unknown target", List.of("--targets", "direct,nginx"), "--targets: unknown target 'nginx'");
        assertRejected("compare without url", List.of("--targets", "compare"), "--compare-url");
        assertRejected("twice", List.of("--duration", "1s", "--duration", "2s"), "--duration is given twice");
        assertRejected("bad header", List.of("--compare-header", "novalue"), "--compare-header");
        assertRejected("bad url", List.of("--backend-url", "ftp://x"), "--backend-url");
        assertRejected("value on a switch", List.of("--stream=yes"), "--stream takes no value");
        assertRejected("stray word", List.of("direct"), "unexpected argument 'direct'");
        assertRejected("short duration", List.of("--duration", "10ms"), "--duration must be at least 100ms");
    }

    private static void assertRejected(String why, List<String> args, String message) {
        assertThatThrownBy(() -> BenchFlags.parse(args)).as(why).isInstanceOf(FlagException.class)
                .hasMessageContaining(message);
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        String help = BenchFlags.help();
        for (FlagDef flag : BenchFlags.FLAGS) {
            assertThat(help).contains(flag.name());
            if (!flag.name().equals("--help")) {
                assertThat(help).contains("(default: " + flag.defaultText() + ")");
            }
        }
    }
}
