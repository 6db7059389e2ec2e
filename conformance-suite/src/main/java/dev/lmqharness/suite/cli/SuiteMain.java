package dev.lmqharness.suite.cli;

import dev.lmqharness.suite.junit.ConformanceSummaryListener;
import dev.lmqharness.suite.junit.RunTarget;
import dev.lmqharness.suite.broker.ConfigException;
import dev.lmqharness.suite.broker.ConfigKeys;
import dev.lmqharness.suite.broker.Target;
import dev.lmqharness.suite.broker.TargetUnavailableException;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * {@code java -jar conformance-suite.jar --url tcp://broker:1883 ...}: runs every conformance test
 * against the target through the JUnit Platform launcher, writes JUnit XML, the JSON summary and
 * Allure results, and exits 0 only when nothing failed (1 = a test failed, 2 = bad configuration
 * or unusable target).
 */
@Command(name = "conformance-suite", mixinStandardHelpOptions = true,
        description = "Runs the LMQ/MQTT 3.1.1 conformance suite against a broker (default: the bundled reference broker).")
public final class SuiteMain implements Callable<Integer> {
    public static final String TESTS_PACKAGE = "dev.lmqharness.suite.tests";

    @Option(names = "--url", description = "tcp://, ssl://, ws:// or wss:// URL of the broker (default: start the bundled broker)")
    String url;
    @Option(names = "--profile", description = "lmq, lite or mqtt311 (default mqtt311)")
    String profile;
    @Option(names = "--config", description = "properties file with lmq.* keys")
    String config;
    @Option(names = "--auth", description = "none, password, signature or token")
    String auth;
    @Option(names = "--username")
    String username;
    @Option(names = "--password")
    String password;
    @Option(names = "--access-key")
    String accessKey;
    @Option(names = "--secret-key")
    String secretKey;
    @Option(names = "--token")
    String token;
    @Option(names = "--instance-id")
    String instanceId;
    @Option(names = "--group-id")
    String groupId;
    @Option(names = "--parent-topic")
    String parentTopic;
    @Option(names = "--capabilities", description = "comma-separated: admin-api, clock-control, slow, status-events")
    String capabilities;
    @Option(names = "--namespace", description = "client-ID/topic namespace of this run (default random)")
    String namespace;
    @Option(names = "--events-topic")
    String eventsTopic;
    @Option(names = "--limit", description = "limit override, e.g. --limit payloadMaxBytes=1024 (repeatable)")
    Map<String, String> limits = new LinkedHashMap<>();
    @Option(names = "--report-dir", description = "where reports go (default ./conformance-report)")
    String reportDir;
    @Option(names = "--admin-url", description = "http:// URL of the broker's admin API (admin-api; clock-control in test mode)")
    String adminUrl;
    @Option(names = "--admin-token", description = "bearer token of the admin API at --admin-url (lmq.adminToken)")
    String adminToken;
    @Option(names = "--break-rule", description = "bundled broker only: deliberately break this rule (fault injection, repeatable)")
    java.util.List<String> breakRules = new java.util.ArrayList<>();
    @Option(names = "--include", description = "regex on SimpleClass.method: run only matching tests (repeatable)")
    java.util.List<String> include = new java.util.ArrayList<>();
    @Option(names = "--exclude", description = "regex on SimpleClass.method: leave matching tests out (repeatable)")
    java.util.List<String> exclude = new java.util.ArrayList<>();

    public static void main(String[] args) {
        int code = new CommandLine(new SuiteMain()).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() {
        setIfPresent(ConfigKeys.URL, url);
        setIfPresent(ConfigKeys.PROFILE, profile);
        setIfPresent(ConfigKeys.CONFIG, config);
        setIfPresent(ConfigKeys.AUTH, auth);
        setIfPresent(ConfigKeys.USERNAME, username);
        setIfPresent(ConfigKeys.PASSWORD, password);
        setIfPresent(ConfigKeys.ACCESS_KEY, accessKey);
        setIfPresent(ConfigKeys.SECRET_KEY, secretKey);
        setIfPresent(ConfigKeys.TOKEN, token);
        setIfPresent(ConfigKeys.INSTANCE_ID, instanceId);
        setIfPresent(ConfigKeys.GROUP_ID, groupId);
        setIfPresent(ConfigKeys.PARENT_TOPIC, parentTopic);
        setIfPresent(ConfigKeys.CAPABILITIES, capabilities);
        setIfPresent(ConfigKeys.NAMESPACE, namespace);
        setIfPresent(ConfigKeys.EVENTS_TOPIC, eventsTopic);
        setIfPresent(ConfigKeys.REPORT_DIR, reportDir);
        setIfPresent(ConfigKeys.ADMIN_URL, adminUrl);
        setIfPresent(ConfigKeys.ADMIN_TOKEN, adminToken);
        setIfPresent(ConfigKeys.BREAK_RULES, breakRules.isEmpty() ? null : String.join(",", breakRules));
        limits.forEach((k, v) -> System.setProperty(ConfigKeys.LIMIT_PREFIX + k, v));

        Path reports;
        Target target;
        try {
            reports = RunTarget.config().reportDir();
            if (System.getProperty("allure.results.directory") == null) {
                System.setProperty("allure.results.directory", reports.resolve("allure-results").toString());
            }
            target = RunTarget.get();
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            return 2;
        } catch (TargetUnavailableException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.println("target: " + target.describe() + " namespace=" + target.naming().namespace()
                + (target.note().isEmpty() ? "" : " (" + target.note() + ")"));

        LauncherDiscoveryRequest req = request()
                .selectors(selectPackage(TESTS_PACKAGE))
                .filters(new TestNameFilter(include, exclude))
                .configurationParameter("junit.platform.output.capture.stdout", "true")
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        LegacyXmlReportGeneratingListener xml = new LegacyXmlReportGeneratingListener(reports.resolve("junit"), out);
        Launcher launcher = LauncherFactory.create();
        try {
            launcher.execute(req, summary, xml, new ProgressListener(out));
        } finally {
            RunTarget.stop();
        }
        TestExecutionSummary s = summary.getSummary();
        out.printf("%d passed, %d failed, %d skipped%n", s.getTestsSucceededCount(),
                s.getTotalFailureCount(), s.getTestsSkippedCount() + s.getTestsAbortedCount());
        out.println("reports: " + reports.resolve("junit") + ", " + reports.resolve(ConformanceSummaryListener.FILE_NAME)
                + ", " + System.getProperty("allure.results.directory"));
        return s.getTotalFailureCount() > 0 ? 1 : 0;
    }

    private static void setIfPresent(String key, String value) {
        if (value != null) {
            System.setProperty(key, value);
        }
    }
}
