package dev.lmqharness.broker.config;

import dev.lmqharness.broker.rules.Profile;

/**
 * The YAML file's top level, bound by Jackson (kebab-case keys, unknown keys refused). Every
 * field is optional: what is absent keeps the value of the config it is applied to.
 * A new section is a new {@code *Section} class, a field here and one line in {@link #applyTo}.
 */
final class ConfigFile {

    public String profile;
    public ListenersSection listeners;
    public TlsSection tls;
    public StoreSection store;
    public MqttSection mqtt;
    public LmqSection lmq;
    public AdminSection admin;
    public LimitsSection limits;

    BrokerConfig applyTo(BrokerConfig base) {
        BrokerConfig c = base;
        if (profile != null) {
            c = c.withProfile(ConfigChecks.oneOf("profile", profile, Profile.class));
        }
        if (listeners != null) {
            c = listeners.applyTo(c, "listeners");
        }
        if (tls != null) {
            c = c.withTls(tls.applyTo(c.tls(), "tls"));
        }
        if (store != null) {
            c = c.withStore(store.applyTo(c.store(), "store"));
        }
        if (mqtt != null) {
            c = c.withMqtt(mqtt.applyTo(c.mqtt(), "mqtt"));
        }
        if (lmq != null) {
            c = c.withLmq(lmq.applyTo(c.lmq(), "lmq"));
        }
        if (admin != null) {
            c = c.withAdmin(admin.applyTo(c.admin(), "admin"));
        }
        if (limits != null) {
            c = c.withLimits(limits.applyTo(c.limits(), "limits"));
        }
        return c;
    }
}
