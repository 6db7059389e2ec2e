package dev.lmqharness.broker.config;

import dev.lmqharness.broker.rules.Profile;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The whole configuration of one broker, immutable. Built from defaults, the YAML file and the
 * command-line flags (in that order), or from {@link dev.lmqharness.broker.ReferenceBroker#builder()}.
 */
public record BrokerConfig(Profile profile,
                           Map<Transport, ListenerConfig> listeners,
                           TlsConfig tls,
                           StoreConfig store,
                           MqttConfig mqtt,
                           LmqConfig lmq,
                           AdminConfig admin,
                           LimitsConfig limits) {

    public BrokerConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(lmq, "lmq");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(limits, "limits");
        EnumMap<Transport, ListenerConfig> all = new EnumMap<>(Transport.class);
        for (Transport t : Transport.values()) {
            all.put(t, listeners != null && listeners.containsKey(t) ? listeners.get(t) : ListenerConfig.defaults(t));
        }
        listeners = Map.copyOf(all);
    }

    /** Production-like defaults: TCP 1883 only, RocksDB under ./data, plain MQTT 3.1.1. */
    public static BrokerConfig defaults() {
        return new BrokerConfig(Profile.MQTT311, null, TlsConfig.selfSignedDefault(),
                StoreConfig.rocksdb("data"), MqttConfig.defaults(),
                LmqConfig.defaults(), AdminConfig.defaults(), LimitsConfig.defaults());
    }

    public ListenerConfig listener(Transport t) {
        return listeners.get(t);
    }

    public BrokerConfig withListener(ListenerConfig l) {
        EnumMap<Transport, ListenerConfig> copy = new EnumMap<>(listeners);
        copy.put(l.transport(), l);
        return new BrokerConfig(profile, copy, tls, store, mqtt, lmq, admin, limits);
    }

    public BrokerConfig withProfile(Profile p) {
        return new BrokerConfig(p, listeners, tls, store, mqtt, lmq, admin, limits);
    }

    public BrokerConfig withTls(TlsConfig t) {
        return new BrokerConfig(profile, listeners, t, store, mqtt, lmq, admin, limits);
    }

    public BrokerConfig withStore(StoreConfig s) {
        return new BrokerConfig(profile, listeners, tls, s, mqtt, lmq, admin, limits);
    }

    public BrokerConfig withLmq(LmqConfig l) {
        return new BrokerConfig(profile, listeners, tls, store, mqtt, l, admin, limits);
    }

    public BrokerConfig withAdmin(AdminConfig a) {
        return new BrokerConfig(profile, listeners, tls, store, mqtt, lmq, a, limits);
    }

    public BrokerConfig withLimits(LimitsConfig l) {
        return new BrokerConfig(profile, listeners, tls, store, mqtt, lmq, admin, l);
    }

    public BrokerConfig withMqtt(MqttConfig m) {
        return new BrokerConfig(profile, listeners, tls, store, m, lmq, admin, limits);
    }
}
