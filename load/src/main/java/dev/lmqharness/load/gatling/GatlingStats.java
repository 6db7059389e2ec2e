package dev.lmqharness.load.gatling;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.stats.StatsEngine;
import scala.Option;
import scala.collection.immutable.List;

/** Writes responses into Gatling's statistics, which the HTML report and the assertions read. */
final class GatlingStats {

    private GatlingStats() {
    }

    static void ok(StatsEngine stats, String scenario, List<String> groups, String request, long startMillis, long endMillis) {
        log(stats, scenario, groups, request, startMillis, endMillis, OK$.MODULE$, null, null);
    }

    static void ko(StatsEngine stats, String scenario, List<String> groups, String request, long startMillis, long endMillis,
                   String code, String message) {
        log(stats, scenario, groups, request, startMillis, endMillis, KO$.MODULE$, code, message);
    }

    private static void log(StatsEngine stats, String scenario, List<String> groups, String request, long start, long end,
                            Status status, String code, String message) {
        long s = Math.min(start, end); // a receive stamped earlier than its send (clock skew) must not break the report
        stats.logResponse(scenario, groups, request, s, end, status, Option.apply(code), Option.apply(message));
    }
}
