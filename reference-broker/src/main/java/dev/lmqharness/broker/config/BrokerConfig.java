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
                           AdminConfig admin) {

    public BrokerConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(lmq, "lmq");
        Objects.requireNonNull(admin, "admin");
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
                LmqConfig.defaults(), AdminConfig.defaults());
    }

    public ListenerConfig listener(Transport t) {
        return listeners.get(t);
    }

    public BrokerConfig withListener(ListenerConfig l) {
        EnumMap<Transport, ListenerConfig> copy = new EnumMap<>(listeners);
        copy.put(l.transport(), l);
        return new BrokerConfig(profile, copy, tls, store, mqtt, lmq, admin);
    }

    public BrokerConfig withProfile(Profile p) {
        return new BrokerConfig(p, listeners, tls, store, mqtt, lmq, admin);
    }

    public BrokerConfig withTls(TlsConfig t) {
        return new BrokerConfig(profile, listeners, t, store, mqtt, lmq, admin);
    }

    public BrokerConfig withStore(StoreConfig s) {
        return new BrokerConfig(profile, listeners, tls, s, mqtt, lmq, admin);
    }

    public BrokerConfig withLmq(LmqConfig l) {
        return new BrokerConfig(profile, listeners, tls, store, mqtt, l, admin);
    }

    public BrokerConfig withAdmin(AdminConfig a) {
        return new BrokerConfig(profile, listeners, tls, store, mqtt, lmq, a);
    }

    public BrokerConfig withMqtt(MqttConfig m) {
        return new BrokerConfig(profile, listeners, tls, store, m, lmq, admin);
    }
}
