package dev.lmqharness.suite.cli;

import dev.lmqharness.suite.junit.FailureText;
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
        String why = r.getThrowable().map(t -> ": " + FailureText.oneLine(t)).orElse("");
        out.println(status + " " + name(id) + (r.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "" : why));
    }

    /** {@code Class.method(Params)[n] display name}: scripts grep these lines. */
    static String name(TestIdentifier id) {
        String cls = id.getUniqueIdObject().getSegments().stream().filter(s -> s.getType().equals("class"))
                .map(s -> s.getValue().substring(s.getValue().lastIndexOf('.') + 1) + ".").findFirst().orElse("");
        return cls + id.getLegacyReportingName() + (id.getDisplayName().equals(id.getLegacyReportingName()) ? "" : " " + id.getDisplayName());
    }
}
