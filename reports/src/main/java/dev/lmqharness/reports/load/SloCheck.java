package dev.lmqharness.reports.load;

/**
 * One SLO of one load run and its outcome.
 *
 * @param name     what is checked, e.g. {@code e2e.qos1 p99 < 2000 ms}
 * @param outcome  passed, failed, or not judged (the run lacks the figure)
 * @param measured the run's figure, e.g. {@code 12.4 ms}
 * @param source   where the outcome comes from (stated by the run, or evaluated from its summary)
 */
public record SloCheck(String name, Outcome outcome, String measured, String source) {

    public enum Outcome { PASSED, FAILED, NOT_JUDGED }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
