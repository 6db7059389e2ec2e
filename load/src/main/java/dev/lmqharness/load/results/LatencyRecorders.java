package dev.lmqharness.load.results;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Named latency recorders (microseconds, 1 µs to 1 h, 3 significant digits). Many client threads
 * record at once through HdrHistogram {@link Recorder}s; one tick thread swaps out interval
 * histograms, writes them tagged with their name to an HdrHistogram interval log (absolute
 * timestamps, so logs of several shards can be combined) and adds them to per-name totals.
 */
public final class LatencyRecorders implements AutoCloseable {

    public static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    public static final int DIGITS = 3;

    private final Map<String, Recorder> recorders = new ConcurrentHashMap<>();
    private final Map<String, Histogram> totals = new TreeMap<>();
    private final List<BiConsumer<String, Histogram>> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder negative = new LongAdder();
    private final LongAdder clamped = new LongAdder();
    private HistogramLogWriter writer;
    private ScheduledExecutorService ticker;
    private boolean closed;

    /** Records a latency; negative ones (clock skew between hosts) count as 0 and are counted. */
    public void record(String name, long micros) {
        if (micros < 0) {
            negative.increment();
            micros = 0;
        } else if (micros > HIGHEST_MICROS) {
            clamped.increment();
            micros = HIGHEST_MICROS;
        }
        recorders.computeIfAbsent(name, n -> new Recorder(HIGHEST_MICROS, DIGITS)).recordValue(micros);
    }

    /** Called on the tick thread with each non-empty interval histogram (e.g. for SLO checks per ramp level). */
    public void addIntervalListener(BiConsumer<String, Histogram> listener) {
        listeners.add(listener);
    }

    /** Starts writing an interval log to {@code file} every {@code interval}. */
    public synchronized void startLog(Path file, Duration interval) {
        if (writer != null) {
            throw new IllegalStateException("interval log already started");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writer = new HistogramLogWriter(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writer.outputComment("lmq-harness end-to-end and acknowledgement latencies, microseconds, tag = measurement");
        writer.outputLogFormatVersion();
        writer.outputStartTime(System.currentTimeMillis());
        writer.outputLegend();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lmq-hdr-interval-log");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(100, interval.toMillis());
        ticker.scheduleAtFixedRate(this::flush, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Moves what was recorded since the last flush into the totals and the log. */
    public synchronized void flush() {
        for (Map.Entry<String, Recorder> e : new TreeMap<>(recorders).entrySet()) {
            Histogram interval = e.getValue().getIntervalHistogram();
            if (interval.getTotalCount() == 0) {
                continue;
            }
            interval.setTag(e.getKey());
            totals.computeIfAbsent(e.getKey(), n -> new Histogram(HIGHEST_MICROS, DIGITS)).add(interval);
            if (writer != null) {
                writer.outputIntervalHistogram(interval);
            }
            for (BiConsumer<String, Histogram> l : listeners) {
                l.accept(e.getKey(), interval);
            }
        }
    }

    /** A copy of every total so far (after a flush). */
    public synchronized Map<String, Histogram> totals() {
        Map<String, Histogram> copy = new TreeMap<>();
        totals.forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    public long negativeLatencies() {
        return negative.sum();
    }

    public long clampedLatencies() {
        return clamped.sum();
    }

    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = ticker;
        }
        if (t != null) {
            t.shutdown();
            try {
                t.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            flush();
            if (writer != null) {
                writer.close();
                writer = null;
            }
        }
    }
}
