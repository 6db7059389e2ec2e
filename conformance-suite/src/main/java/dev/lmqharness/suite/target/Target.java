package dev.lmqharness.suite.target;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A target that passed the preflight: its configuration, where it listens, and how the suite's
 * clients name themselves and authenticate. One per run.
 */
public final class Target implements AutoCloseable {
    private final TargetConfig config;
    private final Endpoint primary;
    private final Map<Scheme, Endpoint> endpoints;
    private final Naming naming;
    private final BundledBroker bundled;
    private final String note;

    private Target(TargetConfig config, Endpoint primary, Map<Scheme, Endpoint> endpoints, BundledBroker bundled, String note) {
        this.config = config;
        this.primary = primary;
        this.endpoints = Collections.unmodifiableMap(endpoints);
        this.bundled = bundled;
        this.note = note;
        this.naming = new Naming(config.profile(), config.namespace(), config.groupId(), config.parentTopic());
    }

    /** Starts the bundled broker if no URL is configured, then runs the preflight connect. */
    public static Target start(TargetConfig config) {
        if (config.bundled()) {
            BundledBroker b = BundledBroker.start(config.profile());
            Target t = new Target(config, b.endpoints().get(Scheme.TCP), new EnumMap<>(b.endpoints()), b, b.note());
            try {
                Preflight.check(t);
            } catch (RuntimeException e) {
                b.close();
                throw e;
            }
            return t;
        }
        Map<Scheme, Endpoint> eps = new EnumMap<>(Scheme.class);
        eps.putAll(config.extraEndpoints());
        eps.put(config.url().scheme(), config.url());
        Target t = new Target(config, config.url(), eps, null, "");
        Preflight.check(t);
        return t;
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

    public Endpoint endpoint() {
        return primary;
    }

    public Optional<Endpoint> endpoint(Scheme s) {
        return Optional.ofNullable(endpoints.get(s));
    }

    public Map<Scheme, Endpoint> endpoints() {
        return endpoints;
    }

    public Naming naming() {
        return naming;
    }

    public Credentials credentialsFor(String clientId) {
        return Credentials.forClient(config, clientId);
    }

    /** Capabilities the target offers: declared in the configuration. */
    public boolean has(Capability c) {
        return config.has(c);
    }

    /** A remark about the target to show in reports (e.g. listeners the bundled broker lacks). */
    public String note() {
        return note;
    }

    /**
     * The administrative client of this target. None exists yet for any kind of target: the
     * reference broker's admin API is another issue, and external brokers need an adapter for
     * their own API. Tests that need one are reported skipped.
     */
    public Optional<TargetAdmin> admin() {
        return Optional.empty();
    }

    /** Control over the target's clock; none yet (see {@link #admin()}). */
    public Optional<TargetClock> clock() {
        return Optional.empty();
    }

    public String describe() {
        return config.describe(primary);
    }

    @Override
    public void close() {
        if (bundled != null) {
            bundled.close();
        }
    }
}
