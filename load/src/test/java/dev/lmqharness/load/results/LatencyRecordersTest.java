package dev.lmqharness.load.results;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyRecordersTest {

    @Test
    void intervalLogHoldsEveryValueWithTagsAndAbsoluteTimes(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("latency.hlog");
        long before = System.currentTimeMillis();
        LatencyRecorders r = new LatencyRecorders();
        r.startLog(log, Duration.ofMillis(100));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int i = 1; i <= 25_000; i++) {
                    r.record("e2e.qos1", i);
                    if (i % 10 == 0) {
                        r.record("ack.qos1", i * 2L);
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        r.close();

        Map<String, Histogram> totals = r.totals();
        assertThat(totals.get("e2e.qos1").getTotalCount()).isEqualTo(100_000);
        assertThat(totals.get("ack.qos1").getTotalCount()).isEqualTo(10_000);

        Map<String, Long> fromLog = new HashMap<>();
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            Histogram hist = (Histogram) h;
            assertThat(hist.getStartTimeStamp()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
            fromLog.merge(hist.getTag(), hist.getTotalCount(), Long::sum);
        }
        reader.close();
        assertThat(fromLog).containsEntry("e2e.qos1", 100_000L).containsEntry("ack.qos1", 10_000L);
    }

    @Test
    void negativeAndHugeLatenciesAreClampedAndCounted() {
        LatencyRecorders r = new LatencyRecorders();
        r.record("x", -5);
        r.record("x", LatencyRecorders.HIGHEST_MICROS * 10);
        r.flush();
        assertThat(r.negativeLatencies()).isEqualTo(1);
        assertThat(r.clampedLatencies()).isEqualTo(1);
        assertThat(r.totals().get("x").getTotalCount()).isEqualTo(2);
        r.close();
    }

    @Test
    void listenersSeeEachInterval() {
        LatencyRecorders r = new LatencyRecorders();
        Map<String, Long> seen = new HashMap<>();
        r.addIntervalListener((tag, h) -> seen.merge(tag, h.getTotalCount(), Long::sum));
        r.record("a", 10);
        r.flush();
        r.record("a", 20);
        r.record("b", 5);
        r.close();
        assertThat(seen).containsEntry("a", 2L).containsEntry("b", 1L);
    }
}
