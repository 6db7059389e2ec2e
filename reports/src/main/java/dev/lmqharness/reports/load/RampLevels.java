package dev.lmqharness.reports.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The levels a ramp run judged (summary note {@code ramp.levels}: clients, samples, p99Millis,
 * judged, passed) and its {@code ramp.largestPassingFleet}, from the first injector that noted them.
 */
public final class RampLevels {

    /** One fleet size of a ramp. */
    public record Level(long clients, long samples, double p99Millis, boolean judged, boolean passed) {
    }

    private RampLevels() {
    }

    public static List<Level> of(LoadSummary s) {
        for (LoadSummary.Shard shard : s.shards()) {
            Object levels = shard.notes().get("ramp.levels");
            if (levels instanceof List<?> list) {
                List<Level> out = new ArrayList<>();
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && m.get("clients") instanceof Number c) {
                        out.add(new Level(c.longValue(), number(m.get("samples")), dbl(m.get("p99Millis")),
                                Boolean.TRUE.equals(m.get("judged")), Boolean.TRUE.equals(m.get("passed"))));
                    }
                }
                return out;
            }
        }
        return List.of();
    }

    public static Optional<Long> largestPassingFleet(LoadSummary s) {
        for (LoadSummary.Shard shard : s.shards()) {
            if (shard.notes().get("ramp.largestPassingFleet") instanceof Number n) {
                return Optional.of(n.longValue());
            }
        }
        return Optional.empty();
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static double dbl(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
