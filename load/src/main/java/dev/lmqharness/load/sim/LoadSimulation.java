package dev.lmqharness.load.sim;

import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.kit.auth.Credentials;
import dev.lmqharness.load.core.Props;
import dev.lmqharness.load.gatling.Mqtt;
import dev.lmqharness.load.gatling.MqttProtocolBuilder;
import dev.lmqharness.load.results.ProcessProbes;
import dev.lmqharness.load.results.RunMetrics;
import dev.lmqharness.load.results.RunSummary;
import dev.lmqharness.load.results.ShardReport;
import dev.lmqharness.load.results.HistogramStats;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.Simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static io.gatling.javaapi.core.CoreDsl.details;

/**
 * Base of the harness's simulations: reads {@link LoadParameters}, starts or addresses the broker
 * ({@link BrokerTarget}), builds the MQTT protocol, writes the HdrHistogram interval log during the
 * run and, in {@link #after()}, the JSON summary beside it, then stops a bundled broker.
 */
public abstract class LoadSimulation extends Simulation {

    /** Request names the SLO assertions refer to. */
    public static final String CONNECT = "connect";
    public static final String DRAIN = "drain";

    protected final Props props = Props.system();
    protected final LoadParameters params;
    protected final BrokerTarget broker;
    protected final MqttProtocolBuilder protocol;
    protected final RunMetrics metrics;
    protected final String topicPrefix;
    private final Path resultsDir;
    private final long startedAtMillis = System.currentTimeMillis();
    private final double cpuAtStart = ProcessProbes.processCpuSeconds();
    private final Map<String, Double> gauges = new ConcurrentHashMap<>();
    /** The run's SLO assertions, as {@link #noFailures} and {@link #p99Below} note them for the summary. */
    private final List<String> sloAssertions = new ArrayList<>();
    private final Map<String, Object> notes = new ConcurrentHashMap<>();

    protected LoadSimulation(LoadParameters.Defaults defaults) {
        this(defaults, BrokerTarget.Bundled.IN_PROCESS, Profile.MQTT311);
    }

    protected LoadSimulation(LoadParameters.Defaults defaults, BrokerTarget.Bundled bundled, Profile profile) {
        this.params = LoadParameters.from(props, defaults);
        this.topicPrefix = props.string("topic.prefix", "lmqload");
        this.broker = BrokerTarget.start(props, bundled, profile, "GID_lmqload", topicPrefix);
        try {
            MqttProtocolBuilder p = Mqtt.mqtt()
                    .url(broker.url())
                    .qos(params.qos())
                    // cleanSession=false puts the reference broker's messages in its durable store.
                    .cleanSession(props.bool("mqtt.cleanSession", true))
                    .keepAlive(params.keepAliveSeconds())
                    .payloadSize(params.payloadSize())
                    .nettyThreads(params.nettyThreads())
                    .shard(params.shard())
                    .credentials(credentials(props))
                    .ackTimeout(props.duration("ack.timeout", java.time.Duration.ofSeconds(10)))
                    .connectTimeout(props.duration("connect.timeout", java.time.Duration.ofSeconds(10)));
            if (props.has("mqtt.clientId")) {
                p = p.clientId(props.raw("mqtt.clientId"));
            }
            if (props.bool("mqtt.trustAll", false)) {
                p = p.trustAllCertificates();
            }
            this.protocol = p;
            this.metrics = p.metrics();
            this.resultsDir = resultsDir(params, getClass().getSimpleName());
            metrics.latencies().startLog(resultsDir.resolve(RunSummary.HLOG_NAME), params.hlogInterval());
            if (broker.pid() > 0) {
                gauge("broker.rssBytes.start", ProcessProbes.rssBytes(broker.pid()));
            }
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** Credentials from -Dmqtt.auth=none|plain|signature|token and the matching keys. */
    static Credentials credentials(Props p) {
        String mode = p.string("mqtt.auth", p.has("mqtt.username") ? "plain" : "none");
        return switch (mode) {
            case "none" -> Credentials.none();
            case "plain" -> Credentials.plain(required(p, "mqtt.username"), p.raw("mqtt.password"));
            case "signature" -> Credentials.signature(required(p, "mqtt.accessKey"), required(p, "mqtt.secretKey"),
                    required(p, "mqtt.instanceId"));
            case "token" -> Credentials.token(required(p, "mqtt.accessKey"), required(p, "mqtt.instanceId"),
                    required(p, "mqtt.token"));
            default -> throw new IllegalArgumentException("-Dmqtt.auth=" + mode + " is invalid: expected none, plain, signature or token");
        };
    }

    private static String required(Props p, String key) {
        String v = p.raw(key);
        if (v == null) {
            throw new IllegalArgumentException("-D" + key + " is required by the chosen -Dmqtt.auth");
        }
        return v;
    }

    private static Path resultsDir(LoadParameters params, String simulation) {
        if (params.resultsDir() != null) {
            return Path.of(params.resultsDir());
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("target", "lmq-load", simulation + "-" + stamp + "-shard" + params.shard().index()
                + "of" + params.shard().count());
    }

    public Path resultsDir() {
        return resultsDir;
    }

    /** A point value for the summary (e.g. broker memory); not added across shards. */
    protected void gauge(String name, double value) {
        gauges.put(name, value);
    }

    /** A structured note for the summary (e.g. ramp levels). */
    protected void note(String name, Object value) {
        notes.put(name, value);
    }

    protected String topic(String suffix) {
        return topicPrefix + "/" + suffix;
    }

    /**
     * A safety net for {@code setUp(...).maxDuration}: twice what the run should take plus two
     * minutes, or {@code -Dmax.duration}. A stuck run (a rendezvous that never fills, a broker
     * that stopped answering) ends and reports instead of hanging the nightly job.
     */
    protected java.time.Duration maxDuration(java.time.Duration expected) {
        return props.duration("max.duration", expected.multipliedBy(2).plusMinutes(2));
    }

    /** The SLOs of a delivery run: connects succeed, e2e p99 within bound, and (QoS >= 1) nothing lost. */
    protected List<Assertion> deliverySlos() {
        List<Assertion> a = new ArrayList<>();
        a.add(noFailures(CONNECT));
        a.add(p99Below("e2e QoS" + params.qos(), "e2e.qos" + params.qos(), params.sloP99Millis()));
        if (params.qos() >= 1) {
            a.add(noFailures(DRAIN));
        }
        return a;
    }

    /**
     * Gatling's assertion "no {@code request} response failed", also noted in the summary's
     * {@code slo.assertions} as {@code no-failures:<request>} (judged there from the counter
     * {@code failed.<request>}), so every assertion of the run shows up in the reports.
     */
    protected Assertion noFailures(String request) {
        sloAssertions.add("no-failures:" + request);
        return details(request).failedRequests().count().is(0L);
    }

    /**
     * Gatling's assertion "p99 of {@code request} below {@code boundMs}" (strictly), noted in the
     * summary as {@code p99:<measure><<boundMs>}: {@code measure} is the HdrHistogram of the same
     * timing in the summary's latencies.
     */
    protected Assertion p99Below(String request, String measure, long boundMs) {
        sloAssertions.add("p99:" + measure + "<" + boundMs);
        return details(request).responseTime().percentile(99.0).lt((int) boundMs);
    }

    /** Writes summary.json next to latency.hlog and stops a bundled broker. Subclasses add gauges first. */
    @Override
    public void after() {
        try {
            beforeSummary();
            double cpu = ProcessProbes.processCpuSeconds();
            if (broker.pid() > 0) {
                gauge("broker.rssBytes.end", ProcessProbes.rssBytes(broker.pid()));
            }
            metrics.latencies().close();
            long ended = System.currentTimeMillis();
            Map<String, HistogramStats> latencies = new TreeMap<>();
            metrics.latencies().totals().forEach((k, h) -> latencies.put(k, HistogramStats.of(h)));
            ShardReport shard = new ShardReport(params.shard().index(), params.shard().count(), hostName(),
                    startedAtMillis, ended, cpuAtStart < 0 || cpu < 0 ? -1 : cpu - cpuAtStart,
                    metrics.peakConnectedClients(), broker.inProcess(), gauges, notes);
            Map<String, String> parameters = new TreeMap<>(params.asMap());
            parameters.put("topic.prefix", topicPrefix);
            if (!sloAssertions.isEmpty()) {
                // Gatling does not hand its assertion outcomes to the simulation: the summary names
                // them so that they can be judged from its own figures (the reports module does).
                parameters.put("slo.assertions", String.join(";", sloAssertions));
            }
            RunSummary summary = new RunSummary(RunSummary.SCHEMA, getClass().getSimpleName(), broker.url(),
                    parameters, startedAtMillis, ended, metrics.counters(), latencies, List.of(shard));
            summary.write(resultsDir.resolve(RunSummary.FILE_NAME));
            System.out.println("lmq-load results: " + resultsDir.toAbsolutePath());
            System.out.printf("lmq-load cpu: %.1f s over %.1f s, peak %d clients, %.4f %% of a core per client%s%n",
                    shard.cpuSeconds(), shard.wallSeconds(), shard.peakClients(), shard.cpuPercentPerClient(),
                    broker.inProcess() ? " (broker in this JVM)" : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            broker.close();
        }
    }

    /**
     * One extra user that measures this JVM's CPU over a steady window (from {@code start} after
     * the run begins, for {@code length}), so the generator's own cost per client can be compared
     * with a plain client loop (dev.lmqharness.load.bench.PlainClientLoop) without start-up and
     * drain in the figure. Gauges: injector.cpuPercent.steady (of one core), clients.steady,
     * injector.cpuPercentPerClient.steady.
     */
    protected io.gatling.javaapi.core.ScenarioBuilder cpuProbe(java.time.Duration start, java.time.Duration length) {
        double[] begin = new double[3];
        return io.gatling.javaapi.core.CoreDsl.scenario("cpu-probe")
                .pause(start)
                .exec(Mqtt.mqtt("cpu window start").check(() -> {
                    begin[0] = ProcessProbes.processCpuSeconds();
                    begin[1] = System.nanoTime();
                    begin[2] = broker.pid() > 0 && !broker.inProcess() ? ProcessProbes.cpuSeconds(broker.pid()) : -1;
                    return null;
                }))
                .pause(length)
                .exec(Mqtt.mqtt("cpu window end").check(() -> {
                    double cpu = ProcessProbes.processCpuSeconds() - begin[0];
                    double wall = (System.nanoTime() - begin[1]) / 1e9;
                    long clients = metrics.connectedClients();
                    double percent = 100 * cpu / wall;
                    gauge("injector.cpuPercent.steady", percent);
                    gauge("clients.steady", clients);
                    if (clients > 0) {
                        gauge("injector.cpuPercentPerClient.steady", percent / clients);
                    }
                    if (begin[2] >= 0) {
                        // The broker in its own process (-Dbroker.pid, or the child-process broker): same window.
                        double brokerCpu = ProcessProbes.cpuSeconds(broker.pid());
                        if (brokerCpu >= 0) {
                            gauge("broker.cpuPercent.steady", 100 * (brokerCpu - begin[2]) / wall);
                        }
                        gauge("broker.rssBytes.steady", ProcessProbes.rssBytes(broker.pid()));
                    }
                    System.out.printf("lmq-load steady cpu: %.1f %% of a core for %d clients (%.4f %% per client)%s%n",
                            percent, clients, clients > 0 ? percent / clients : 0.0,
                            broker.inProcess() ? " (broker in this JVM)" : "");
                    return null;
                }));
    }

    /** Hook for last measurements (e.g. broker memory at the plateau was taken earlier; gauges here). */
    protected void beforeSummary() {
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
