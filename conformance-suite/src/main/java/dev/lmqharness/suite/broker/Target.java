package dev.lmqharness.suite.broker;

import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import dev.lmqharness.kit.auth.UserPass;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A target that passed the preflight: its configuration, where it listens, how the suite's
 * clients name themselves and authenticate, and what it offers beyond MQTT (admin API, clock).
 * One per run.
 */
public final class Target implements AutoCloseable {
    private final TargetConfig config;
    private final BrokerAddress primary;
    private final Map<Scheme, BrokerAddress> endpoints;
    private final Naming naming;
    private final BundledBroker bundled;
    private final HttpAdminClient admin;
    private final TargetClock clock;
    private final String note;

    private Target(TargetConfig config, BrokerAddress primary, Map<Scheme, BrokerAddress> endpoints, BundledBroker bundled,
                   HttpAdminClient admin, TargetClock clock, String note) {
        this.config = config;
        this.primary = primary;
        this.endpoints = Collections.unmodifiableMap(endpoints);
        this.bundled = bundled;
        this.admin = admin;
        this.clock = clock;
        this.note = note;
        this.naming = new Naming(config.profile(), config.namespace(), config.groupId(), config.parentTopic());
    }

    /**
     * Starts the bundled broker if no URL is configured, connects the admin API (the bundled one,
     * or {@code lmq.adminUrl}), then runs the preflight connect.
     */
    public static Target start(TargetConfig config) {
        if (config.bundled()) {
            BundledBroker b = BundledBroker.start(config);
            try {
                Target t = withAdmin(b.effective(), b.endpoints().get(Scheme.TCP), new EnumMap<>(b.endpoints()), b,
                        b.adminUrl(), b.adminToken(), b.note());
                Preflight.check(t);
                return t;
            } catch (RuntimeException e) {
                b.close();
                throw e;
            }
        }
        Map<Scheme, BrokerAddress> eps = new EnumMap<>(Scheme.class);
        eps.putAll(config.extraEndpoints());
        eps.put(config.url().scheme(), config.url());
        Target t = withAdmin(config, config.url(), eps, null, config.adminUrl(), config.adminToken(), "");
        Preflight.check(t);
        return t;
    }

    private static Target withAdmin(TargetConfig config, BrokerAddress primary, Map<Scheme, BrokerAddress> eps, BundledBroker b,
                                    URI adminUrl, String adminToken, String note) {
        if (adminUrl == null) {
            return new Target(config, primary, eps, b, null, null, note);
        }
        HttpAdminClient admin = HttpAdminClient.connect(adminUrl, config.timeout(), config.instanceId(), adminToken);
        TargetClock clock = admin.clock().orElse(null);
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        caps.addAll(config.capabilities());
        if (clock == null && caps.contains(Capability.CLOCK_CONTROL)) {
            throw new TargetUnavailableException("lmq.capabilities names clock-control, but " + adminUrl
                    + "/api/v1/test/clock does not answer (is the broker in test mode?)");
        }
        caps.add(Capability.ADMIN_API);
        if (clock != null) {
            caps.add(Capability.CLOCK_CONTROL);
        }
        if (b != null && config.profile().lmqNaming()) {
            caps.add(Capability.STATUS_EVENTS);    // the bundled broker publishes them on its status topic
        }
        TargetConfig eff = config.withCapabilities(caps);
        if (eff.instanceId() == null) {
            eff = eff.withInstance(admin.instanceId(), eff.accessKey(), eff.secretKey(), eff.token());
        }
        if (config.profile().lmqNaming()) {
            // Limits the target reports count unless lmq.limit.* says otherwise.
            eff = eff.withLimits(eff.limits().orElse(AdminLimits.from(admin.instance().limits())));
        }
        if (b != null && eff.auth() == AuthMode.TOKEN && eff.token() == null) {
            eff = eff.withInstance(eff.instanceId(), eff.accessKey(), eff.secretKey(), runToken(admin, eff));
        }
        return new Target(eff, primary, eps, b, admin, clock, note);
    }

    /** Token mode against the bundled broker without lmq.token: a token for everything under the parent topic. */
    private static String runToken(HttpAdminClient admin, TargetConfig c) {
        Duration life = Duration.ofSeconds(c.limits().get(Limits.Name.TOKEN_MAX_VALIDITY_SECONDS));
        return admin.applyToken(List.of(c.parentTopic() + "/#"), "R,W", admin.now().plus(life));
    }

    public TargetConfig config() {
        return config;
    }

    public TargetProfile profile() {
        return config.profile();
    }

    public Limits limits() {
        return config.limits();
    }

    public BrokerAddress endpoint() {
        return primary;
    }

    public Optional<BrokerAddress> endpoint(Scheme s) {
        return Optional.ofNullable(endpoints.get(s));
    }

    public Map<Scheme, BrokerAddress> endpoints() {
        return endpoints;
    }

    public Naming naming() {
        return naming;
    }

    public UserPass credentialsFor(String clientId) {
        return config.credentials().forClient(clientId);
    }

    /** Capabilities the target offers: declared in the configuration, or found (admin API, test clock). */
    public boolean has(Capability c) {
        return config.has(c);
    }

    /** Why a test that needs {@code c} cannot run here. */
    public String lacks(Capability c) {
        String how = switch (c) {
            case ADMIN_API -> "set lmq.adminUrl to the broker's HTTP admin API";
            case CLOCK_CONTROL -> admin == null ? "set lmq.adminUrl to the admin API of a broker in test mode"
                    : admin.base() + "/api/v1/test/clock does not answer: the broker is not in test mode";
            case SLOW -> "enable with lmq.capabilities=slow";
            case STATUS_EVENTS -> "declare lmq.capabilities=status-events and lmq.eventsTopic";
        };
        return "target lacks capability '" + c.key() + "' (" + c.description() + "; " + how + ")";
    }

    /** A remark about the target to show in reports (e.g. listeners the bundled broker lacks). */
    public String note() {
        return note;
    }

    /** The target's admin API: the bundled broker's, or the one at {@code lmq.adminUrl}. */
    public Optional<TargetAdmin> admin() {
        return Optional.ofNullable(admin);
    }

    /** The target's test clock, when its admin API offers one. */
    public Optional<TargetClock> clock() {
        return Optional.ofNullable(clock);
    }

    public String describe() {
        Set<String> caps = new TreeSet<>();
        config.capabilities().forEach(c -> caps.add(c.key()));
        return config.describe(primary) + (caps.isEmpty() ? "" : " capabilities=" + String.join(",", caps));
    }

    @Override
    public void close() {
        if (bundled != null) {
            bundled.close();
        }
    }
}
