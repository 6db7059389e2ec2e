package dev.lmqharness.suite.cli;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import java.io.PrintWriter;

/** One line per finished test, so a long run shows where it is. */
final class ProgressListener implements TestExecutionListener {
    private final PrintWriter out;

    ProgressListener(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        out.println("SKIP " + name(id) + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult r) {
        if (!id.isTest()) {
            return;
        }
        String status = switch (r.getStatus()) {
            case SUCCESSFUL -> "PASS";
            case ABORTED -> "SKIP";
            case FAILED -> "FAIL";
        };
        String why = r.getThrowable().map(t -> ": " + String.valueOf(t.getMessage()).lines().findFirst().orElse("")).orElse("");
        out.println(status + " " + name(id) + (r.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "" : why));
    }

    private static String name(TestIdentifier id) {
        return id.getLegacyReportingName() + (id.getDisplayName().equals(id.getLegacyReportingName()) ? "" : " " + id.getDisplayName());
    }
}
