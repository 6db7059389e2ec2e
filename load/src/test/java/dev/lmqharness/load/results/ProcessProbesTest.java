package dev.lmqharness.load.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class ProcessProbesTest {

    @Test
    void cpuSecondsOfAProcessFromProcAgreesWithTheJvmsOwnFigure() {
        long pid = ProcessProbes.selfPid();
        double before = ProcessProbes.cpuSeconds(pid);
        long sink = 0;
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        double after = ProcessProbes.cpuSeconds(pid);
        double jvm = ProcessProbes.processCpuSeconds();

        assertThat(sink).isNotNegative();
        assertThat(before).isPositive();
        assertThat(after - before).isGreaterThan(0.1);
        // /proc counts in 1/100 s ticks, the JVM in nanoseconds: same order, a little apart.
        assertThat(after).isCloseTo(jvm, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void anUnknownProcessHasNoFigure() {
        assertThat(ProcessProbes.cpuSeconds(Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(ProcessProbes.rssBytes(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
