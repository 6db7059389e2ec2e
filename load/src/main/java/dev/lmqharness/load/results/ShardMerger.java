package dev.lmqharness.load.results;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the result directories of several shards of one run (each holding {@code summary.json}
 * and {@code latency.hlog}) into one: counters add, histograms add (HdrHistogram addition is
 * exact), percentiles are recomputed from the sums, and each shard's own report is kept.
 */
public final class ShardMerger {

    /** Parameters that differ between shards by design. */
    private static final Set<String> PER_SHARD_PARAMETERS = Set.of("shard", "results.dir");

    private ShardMerger() {
    }

    public static RunSummary merge(List<Path> shardDirs, Path outDir) throws IOException {
        if (shardDirs.isEmpty()) {
            throw new IllegalArgumentException("no shard directories given");
        }
        List<RunSummary> summaries = new ArrayList<>();
        for (Path dir : shardDirs) {
            Path f = dir.resolve(RunSummary.FILE_NAME);
            if (!Files.isRegularFile(f)) {
                throw new IOException(dir + " has no " + RunSummary.FILE_NAME);
            }
            summaries.add(RunSummary.read(f));
        }
        RunSummary first = summaries.get(0);
        Set<Integer> seen = new HashSet<>();
        Map<String, Long> counters = new TreeMap<>();
        List<ShardReport> shards = new ArrayList<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (int i = 0; i < summaries.size(); i++) {
            RunSummary s = summaries.get(i);
            if (!s.simulation().equals(first.simulation())) {
                throw new IllegalArgumentException(shardDirs.get(i) + " is from simulation " + s.simulation()
                        + ", not " + first.simulation());
            }
            checkSameParameters(first, s, shardDirs.get(i));
            for (ShardReport r : s.shards()) {
                if (!seen.add(r.index())) {
                    throw new IllegalArgumentException("shard " + r.index() + " appears twice (again in " + shardDirs.get(i) + ")");
                }
                shards.add(r);
            }
            s.counters().forEach((k, v) -> counters.merge(k, v, Long::sum));
            start = Math.min(start, s.startedAtMillis());
            end = Math.max(end, s.endedAtMillis());
        }
        shards.sort(Comparator.comparingInt(ShardReport::index));

        Files.createDirectories(outDir);
        Map<String, Histogram> totals = mergeLogs(shardDirs, outDir.resolve(RunSummary.HLOG_NAME));
        Map<String, HistogramStats> latencies = new TreeMap<>();
        totals.forEach((k, h) -> latencies.put(k, HistogramStats.of(h)));

        Map<String, String> params = new TreeMap<>(first.parameters());
        PER_SHARD_PARAMETERS.forEach(params::remove);
        RunSummary merged = new RunSummary(RunSummary.SCHEMA, first.simulation(), first.target(), params,
                start, end, counters, latencies, shards);
        merged.write(outDir.resolve(RunSummary.FILE_NAME));
        return merged;
    }

    private static void checkSameParameters(RunSummary a, RunSummary b, Path where) {
        Set<String> keys = new HashSet<>(a.parameters().keySet());
        keys.addAll(b.parameters().keySet());
        for (String k : keys) {
            if (PER_SHARD_PARAMETERS.contains(k)) {
                continue;
            }
            String va = a.parameters().get(k);
            String vb = b.parameters().get(k);
            if (va == null ? vb != null : !va.equals(vb)) {
                throw new IllegalArgumentException(where + ": parameter " + k + "=" + vb
                        + " differs from the first shard's " + va + "; these runs do not belong together");
            }
        }
    }

    /** Reads every interval of every shard log, writes them (time-ordered, tags kept) to {@code out}, returns totals per tag. */
    static Map<String, Histogram> mergeLogs(List<Path> shardDirs, Path out) throws IOException {
        List<Histogram> intervals = new ArrayList<>();
        for (Path dir : shardDirs) {
            Path log = dir.resolve(RunSummary.HLOG_NAME);
            if (!Files.isRegularFile(log)) {
                throw new IOException(dir + " has no " + RunSummary.HLOG_NAME);
            }
            HistogramLogReader reader = new HistogramLogReader(log.toFile());
            try {
                EncodableHistogram h;
                while ((h = reader.nextIntervalHistogram()) != null) {
                    if (!(h instanceof Histogram hist)) {
                        throw new IOException(log + " holds a double histogram; only integer histograms are written by the harness");
                    }
                    intervals.add(hist);
                }
            } finally {
                reader.close();
            }
        }
        intervals.sort(Comparator.comparingLong(Histogram::getStartTimeStamp));
        Map<String, Histogram> totals = new TreeMap<>();
        HistogramLogWriter writer = new HistogramLogWriter(out.toFile());
        try {
            writer.outputComment("lmq-harness merged latency log of " + shardDirs.size() + " shards, microseconds, tag = measurement");
            writer.outputLogFormatVersion();
            if (!intervals.isEmpty()) {
                writer.outputStartTime(intervals.get(0).getStartTimeStamp());
            }
            writer.outputLegend();
            for (Histogram h : intervals) {
                writer.outputIntervalHistogram(h);
                String tag = h.getTag() == null ? "untagged" : h.getTag();
                totals.computeIfAbsent(tag, t -> new Histogram(LatencyRecorders.HIGHEST_MICROS, LatencyRecorders.DIGITS)).add(h);
            }
        } finally {
            writer.close();
        }
        return totals;
    }

    /** {@code MergeShards <out-dir> <shard-dir>...} */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ShardMerger <out-dir> <shard-result-dir> [<shard-result-dir>...]");
            System.exit(1);
        }
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            dirs.add(Path.of(args[i]));
        }
        try {
            RunSummary merged = merge(dirs, Path.of(args[0]));
            System.out.println(merged.toJson());
        } catch (IllegalArgumentException e) {
            System.err.println("merge refused: " + e.getMessage());
            System.exit(2);
        }
    }
}
