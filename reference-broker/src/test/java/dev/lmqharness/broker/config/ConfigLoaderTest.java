package dev.lmqharness.broker.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConfigLoaderTest {

    @TempDir
    Path dir;

    private static BrokerConfig parse(String yaml) {
        return BrokerConfigValidator.validate(ConfigLoader.parse(yaml, BrokerConfig.defaults()));
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("broker.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void emptyFileGivesDefaults() throws Exception {
        assertThat(ConfigLoader.load(write(""))).isEqualTo(BrokerConfig.defaults());
        assertThat(ConfigLoader.load(write("# only a comment\n"))).isEqualTo(BrokerConfig.defaults());
    }

    @Test
    void fullFileIsRead() throws Exception {
        BrokerConfig c = ConfigLoader.load(write("""
                profile: lmq
                listeners:
                  tcp: {enabled: true, host: 127.0.0.1, port: 11883}
                  tls: {enabled: true, port: 0}
                  ws:  {enabled: true, port: 18083, path: /ws}
                  wss: {enabled: false, port: 18084}
                tls: {self-signed: true}
                store: {type: rocksdb, path: %s, fsync: true}
                mqtt: {max-frame-bytes: 131072, max-inflight: 10, keep-alive-factor: 2.0,
                       max-queued-per-session: 500, session-threads: 3, connect-timeout-seconds: 7}
                """.formatted(dir.resolve("data"))));

        assertThat(c.profile()).isEqualTo(Profile.LMQ);
        assertThat(c.listener(Transport.TCP)).isEqualTo(new ListenerConfig(Transport.TCP, true, "127.0.0.1", 11883, null));
        assertThat(c.listener(Transport.TLS)).isEqualTo(new ListenerConfig(Transport.TLS, true, "0.0.0.0", 0, null));
        assertThat(c.listener(Transport.WS)).isEqualTo(new ListenerConfig(Transport.WS, true, "0.0.0.0", 18083, "/ws"));
        assertThat(c.listener(Transport.WSS)).isEqualTo(new ListenerConfig(Transport.WSS, false, "0.0.0.0", 18084, "/mqtt"));
        assertThat(c.tls()).isEqualTo(TlsConfig.selfSignedDefault());
        assertThat(c.store()).isEqualTo(new StoreConfig(StoreConfig.Type.ROCKSDB, dir.resolve("data").toString(), true));
        assertThat(c.mqtt()).isEqualTo(new MqttConfig(131072, 10, 2.0, 500, 3, 7));
    }

    @Test
    void absentKeysKeepDefaults() {
        BrokerConfig c = parse("mqtt: {max-inflight: 5}\nlisteners: {ws: {enabled: true}}\n");
        BrokerConfig d = BrokerConfig.defaults();
        assertThat(c.mqtt()).isEqualTo(new MqttConfig(d.mqtt().maxFrameBytes(), 5, d.mqtt().keepAliveFactor(),
                d.mqtt().maxQueuedPerSession(), d.mqtt().sessionThreads(), d.mqtt().connectTimeoutSeconds()));
        assertThat(c.listener(Transport.WS)).isEqualTo(ListenerConfig.defaults(Transport.WS).withEnabled(true));
        assertThat(c.listener(Transport.TCP)).isEqualTo(d.listener(Transport.TCP));
        assertThat(c.store()).isEqualTo(d.store());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            listeners: {tcp: {prot: 1883}}             | listeners.tcp.prot: unknown key (known: enabled, host, path, port)
            admin: {port: 8080}                        | admin: unknown key (known: listeners, mqtt, profile, store, tls)
            mqtt: {max_inflight: 3}                    | mqtt.max_inflight: unknown key
            listeners: {mqtts: {port: 1}}              | listeners.mqtts: unknown key (known: tcp, tls, ws, wss)
            """)
    void unknownKeyIsNamedWithItsPath(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mqtt: {max-inflight: 0}                    | mqtt.max-inflight: must be between 1 and 65535, was 0
            mqtt: {max-inflight: 1.5}                  | mqtt.max-inflight: expected a whole number
            mqtt: {max-frame-bytes: 100}               | mqtt.max-frame-bytes: must be between 128 and 268435460, was 100
            mqtt: {keep-alive-factor: 0.5}             | mqtt.keep-alive-factor: must be between 1.0 and 10.0, was 0.5
            mqtt: {session-threads: 0}                 | mqtt.session-threads: must be between 1 and 1024, was 0
            mqtt: {connect-timeout-seconds: -1}        | mqtt.connect-timeout-seconds: must be between 1 and 3600, was -1
            mqtt: {max-queued-per-session: 0}          | mqtt.max-queued-per-session: must be between 1 and 2147483647, was 0
            listeners: {tcp: {port: abc}}              | listeners.tcp.port: expected a whole number, was 'abc'
            listeners: {tcp: {port: 70000}}            | listeners.tcp.port: must be between 0 and 65535, was 70000
            listeners: {tcp: {enabled: maybe}}         | listeners.tcp.enabled: expected true or false, was 'maybe'
            listeners: {tcp: {host: ''}}               | listeners.tcp.host: must not be empty
            listeners: {tcp: {path: /mqtt}}            | listeners.tcp.path: only the ws and wss listeners have a path
            listeners: {ws: {enabled: true, path: mqtt}} | listeners.ws.path: must start with '/'
            listeners: {tcp: [1883]}                   | listeners.tcp: expected a section of key: value pairs
            mqtt: 5                                    | mqtt: expected a section of key: value pairs
            profile: mqtt5                             | profile: must be one of mqtt311, lmq, lite, was 'mqtt5'
            store: {type: mongo}                       | store.type: must be one of memory, rocksdb, was 'mongo'
            store: {fsync: 1}                          | store.fsync: expected true or false
            tls: {key-store-type: PEM}                 | tls.key-store-type: must be one of pkcs12, jks, was 'PEM'
            """)
    void badValueIsNamedWithItsPath(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void enumValuesAreCaseInsensitive() {
        BrokerConfig c = parse("profile: LITE\nstore: {type: Memory}\n");
        assertThat(c.profile()).isEqualTo(Profile.LITE);
        assertThat(c.store().type()).isEqualTo(StoreConfig.Type.MEMORY);
    }

    @Test
    void sameNonZeroPortOnTwoListenersIsRefused() {
        assertThatThrownBy(() -> parse("listeners: {ws: {enabled: true, port: 1883}}"))
                .hasMessage("listeners.ws.port: 1883 is also the port of listeners.tcp");
        // different loopback-only hosts and ephemeral ports do not clash
        parse("listeners: {tcp: {host: 127.0.0.1, port: 0}, ws: {enabled: true, host: 127.0.0.1, port: 0}}");
    }

    @Test
    void keyStoreReplacesSelfSigned() throws Exception {
        Path ks = Files.writeString(dir.resolve("server.p12"), "not checked here");
        BrokerConfig c = parse("""
                listeners: {tls: {enabled: true}}
                tls: {key-store: %s, key-store-password: pw, key-store-type: jks}
                """.formatted(ks));
        assertThat(c.tls()).isEqualTo(new TlsConfig(ks.toString(), "pw", "JKS", null, null, false));
    }

    @Test
    void conflictingTlsSourcesAreRefusedWhenTlsIsOn() throws Exception {
        Path ks = Files.writeString(dir.resolve("server.p12"), "x");
        Path pem = Files.writeString(dir.resolve("cert.pem"), "x");
        assertThatThrownBy(() -> parse("listeners: {tls: {enabled: true}}\ntls: {key-store: %s, self-signed: true}".formatted(ks)))
                .hasMessage("tls.self-signed: must be false when key-store or cert-chain-pem is set");
        assertThatThrownBy(() -> parse("listeners: {wss: {enabled: true}}\ntls: {key-store: %s, cert-chain-pem: %s}".formatted(ks, pem)))
                .hasMessage("tls: set either key-store or cert-chain-pem with private-key-pem, not both");
        assertThatThrownBy(() -> parse("listeners: {tls: {enabled: true}}\ntls: {cert-chain-pem: %s}".formatted(pem)))
                .hasMessage("tls.private-key-pem: required together with tls.cert-chain-pem");
        assertThatThrownBy(() -> parse("listeners: {tls: {enabled: true}}\ntls: {self-signed: false}"))
                .hasMessageStartingWith("tls: the tls and wss listeners need a certificate");
        assertThatThrownBy(() -> parse("listeners: {tls: {enabled: true}}\ntls: {key-store: %s}".formatted(dir.resolve("nope.p12"))))
                .hasMessage("tls.key-store: file not found: " + dir.resolve("nope.p12"));
        // with no TLS listener on, the TLS section is not checked against the file system
        parse("tls: {key-store: %s}".formatted(dir.resolve("nope.p12")));
    }

    @Test
    void passwordFromUnsetEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> parse("tls: {key-store-password: '${LMQ_TEST_VARIABLE_THAT_IS_NOT_SET_42}'}"))
                .hasMessage("tls.key-store-password: environment variable LMQ_TEST_VARIABLE_THAT_IS_NOT_SET_42 is not set");
        assertThat(parse("tls: {key-store-password: 'plain ${text}'}").tls().keyStorePassword()).isEqualTo("plain ${text}");
    }

    @Test
    void duplicateKeyIsRefused() {
        assertThatThrownBy(() -> parse("mqtt: {max-inflight: 1}\nmqtt: {max-inflight: 2}\n"))
                .hasMessage("mqtt: key written twice");
        assertThatThrownBy(() -> parse("listeners:\n  tcp: {port: 1, port: 2}\n"))
                .hasMessage("listeners.tcp.port: key written twice");
    }

    @Test
    void brokenYamlNamesTheLine() {
        assertThatThrownBy(() -> parse("profile: lmq\nmqtt: max-inflight: 3\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("not valid YAML: line 2, column ");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing)).hasMessage("config file not found: " + missing);
    }

    @Test
    void productionExampleReads() throws Exception {
        // the example takes its password from the environment; supply one in the text instead
        String yaml = Files.readString(Path.of("config/broker.yaml")).replace("${LMQ_KEYSTORE_PASSWORD}", "changeit");
        BrokerConfig c = ConfigLoader.parse(yaml, BrokerConfig.defaults());
        assertThat(c.profile()).isEqualTo(Profile.LMQ);
        assertThat(c.listener(Transport.TLS).enabled()).isTrue();
        assertThat(c.listener(Transport.WS).enabled()).isFalse();
        assertThat(c.tls()).isEqualTo(new TlsConfig("/etc/lmq-broker/broker.p12", "changeit", "PKCS12", null, null, false));
        assertThat(c.store()).isEqualTo(new StoreConfig(StoreConfig.Type.ROCKSDB, "/var/lib/lmq-broker", true));
        // the key store itself is not on this machine: full validation says so by name
        assertThatThrownBy(() -> BrokerConfigValidator.validate(c))
                .hasMessage("tls.key-store: file not found: /etc/lmq-broker/broker.p12");
    }

    @Test
    void developmentExampleLoadsWithAllFourListeners() {
        BrokerConfig c = ConfigLoader.load(Path.of("config/dev.yaml"));
        for (Transport t : Transport.values()) {
            assertThat(c.listener(t).enabled()).as(t.name()).isTrue();
            assertThat(c.listener(t).host()).isEqualTo("127.0.0.1");
        }
        assertThat(c.tls().selfSigned()).isTrue();
        assertThat(c.store().type()).isEqualTo(StoreConfig.Type.MEMORY);
    }
}
