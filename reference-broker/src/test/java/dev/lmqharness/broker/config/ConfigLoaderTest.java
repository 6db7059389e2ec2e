package dev.lmqharness.broker.config;

import dev.lmqharness.broker.auth.SignatureAuthenticator;
import dev.lmqharness.broker.rules.LmqLimits;
import dev.lmqharness.broker.rules.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
            metrics: {port: 9090}                      | metrics: unknown key (known: admin, limits, listeners, lmq, mqtt, profile, store, tls)
            admin: {prot: 8080}                        | admin.prot: unknown key (known: allowed-hosts, enabled, host, port, test-mode, token)
            lmq: {instance: x}                         | lmq.instance: unknown key (known: access-keys, allow-anonymous, break-rules, groups, instance-id, limits, parent-topics, status-reader-access-keys, status-reader-groups, status-topic, trace-capacity)
            lmq: {limits: {max-topic-length: 10}}      | lmq.limits.max-topic-length: unknown key
            lmq: {access-keys: [{access-key: a, secret: b}]} | lmq.access-keys[0].secret: unknown key (known: access-key, secret-key)
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
        // the example takes its passwords from the environment; supply them in the text instead
        String yaml = Files.readString(Path.of("config/broker.yaml")).replace("${LMQ_KEYSTORE_PASSWORD}", "changeit")
                .replace("${LMQ_SECRET_KEY}", "prod-secret");
        BrokerConfig c = ConfigLoader.parse(yaml, BrokerConfig.defaults());
        assertThat(c.profile()).isEqualTo(Profile.LMQ);
        assertThat(c.listener(Transport.TLS).enabled()).isTrue();
        assertThat(c.listener(Transport.WS).enabled()).isFalse();
        assertThat(c.tls()).isEqualTo(new TlsConfig("/etc/lmq-broker/broker.p12", "changeit", "PKCS12", null, null, false));
        assertThat(c.store()).isEqualTo(new StoreConfig(StoreConfig.Type.ROCKSDB, "/var/lib/lmq-broker", true));
        assertThat(c.admin().enabled()).isFalse();
        assertThat(c.admin().testMode()).isFalse();
        assertThat(c.lmq().anonymousAllowed()).isFalse();
        assertThat(c.lmq().accessKeys()).isEqualTo(Map.of("AK_prod", "prod-secret"));
        assertThat(c.lmq().limits()).isEqualTo(LmqLimits.defaults());
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

    @Test
    void developmentExampleHasTheAdminApiInTestModeAndASampleInstance() {
        BrokerConfig c = ConfigLoader.load(Path.of("config/dev.yaml"));
        assertThat(c.profile()).isEqualTo(Profile.LMQ);
        assertThat(c.admin()).isEqualTo(new AdminConfig(true, "127.0.0.1", 8080, true));
        LmqConfig l = c.lmq();
        assertThat(l.instanceId()).isEqualTo("lmq-dev");
        assertThat(l.groups()).containsExactly("GID_dev");
        assertThat(l.parentTopics()).containsExactly("devtopic");
        assertThat(l.accessKeys()).containsOnlyKeys("AK_dev");
        assertThat(l.anonymousAllowed()).isTrue();
        assertThat(l.statusTopic()).isEqualTo(LmqConfig.DEFAULT_STATUS_TOPIC);
        // the file spells out every limit with its documented default
        assertThat(l.limits()).isEqualTo(LmqLimits.defaults());
    }

    @Test
    void lmqSectionIsRead() {
        BrokerConfig c = parse("""
                profile: lite
                lmq:
                  instance-id: post-cn-test
                  groups: [GID_one, GID-two]
                  parent-topics: [alpha, Beta]
                  access-keys: {AK1: secret1, AK2: 12345}
                  allow-anonymous: true
                  status-topic: status/events
                  trace-capacity: 50
                  limits:
                    client-id-max-length: 40
                    topic-min-length: 4
                    topic-max-length: 100
                    max-parent-topics: 5
                    max-subscriptions-per-client: 7
                    max-wildcard-subscriptions-per-parent: 8
                    max-payload-bytes: 1000
                    max-frame-bytes: 2000
                    offline-retention: PT2H
                    max-offline-messages: 10
                    token-max-validity: P1D
                    token-min-expire-distance: PT0S
                    max-token-resources: 3
                    client-messages-per-second: 50
                """);
        LmqConfig l = c.lmq();
        assertThat(l.instanceId()).isEqualTo("post-cn-test");
        assertThat(l.groups()).containsExactly("GID_one", "GID-two");
        assertThat(l.parentTopics()).containsExactly("alpha", "Beta");
        assertThat(l.accessKeys()).isEqualTo(Map.of("AK1", "secret1", "AK2", "12345"));
        assertThat(l.anonymousAllowed()).isTrue();
        assertThat(l.statusTopic()).isEqualTo("status/events");
        assertThat(l.traceCapacity()).isEqualTo(50);
        assertThat(l.limits()).isEqualTo(new LmqLimits(40, 4, 100, 5, 7, 8, 1000, 2000, Duration.ofHours(2), 10L,
                Duration.ofDays(1), Duration.ZERO, 3, 50));
    }

    @Test
    void absentLmqKeysKeepDefaults() {
        LmqConfig l = parse("lmq: {groups: [GID_only], limits: {max-parent-topics: 2}}").lmq();
        LmqConfig d = LmqConfig.defaults();
        assertThat(l).isEqualTo(d.withGroups(List.of("GID_only")).withLimits(LmqLimits.defaults().withMaxParentTopics(2)));
        assertThat(parse("lmq: {status-topic: ''}").lmq().statusTopic()).isEmpty();
        assertThat(parse("lmq: {access-keys: ~}").lmq().accessKeys()).isEmpty();
    }

    @Test
    void accessKeysAsListWithSecretFromEnvironment() {
        String path = System.getenv("PATH");
        LmqConfig l = parse("""
                lmq:
                  access-keys:
                    - {access-key: AK_a, secret-key: plain}
                    - {access-key: AK_b, secret-key: '${PATH}'}
                """).lmq();
        assertThat(l.accessKeys()).isEqualTo(Map.of("AK_a", "plain", "AK_b", path));
        assertThatThrownBy(() -> parse("lmq: {access-keys: {AK: '${LMQ_TEST_VARIABLE_THAT_IS_NOT_SET_42}'}}"))
                .hasMessage("lmq.access-keys.AK: environment variable LMQ_TEST_VARIABLE_THAT_IS_NOT_SET_42 is not set");
    }

    @Test
    void adminSectionIsRead() {
        assertThat(parse("admin: {enabled: true, host: 0.0.0.0, port: 0, test-mode: true}").admin())
                .isEqualTo(new AdminConfig(true, "0.0.0.0", 0, true));
        assertThat(parse("admin: {test-mode: true}").admin()).isEqualTo(AdminConfig.defaults().withTestMode(true));
        assertThat(parse("").admin().enabled()).as("off by default").isFalse();
        assertThat(parse("").admin().host()).as("on loopback by default").isEqualTo("127.0.0.1");
        assertThat(parse("").admin().token()).as("generated at start unless configured").isNull();
        AdminConfig locked = parse("admin: {enabled: true, token: my-admin-token-0123456789, allowed-hosts: [broker.internal, '[fd00::5]']}").admin();
        assertThat(locked.token()).isEqualTo("my-admin-token-0123456789");
        assertThat(locked.allowedHosts()).containsExactly("broker.internal", "[fd00::5]");
        assertThat(locked.toString()).as("the secret stays out of logs").doesNotContain("my-admin-token");
    }

    @Test
    void adminTokenMayComeFromTheEnvironment() {
        String path = System.getenv("PATH"); // set everywhere; long enough, but not a b64token, so only the read is checked
        assertThat(ConfigLoader.parse("admin: {token: '${PATH}'}", BrokerConfig.defaults()).admin().token()).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lmq: {limits: {offline-retention: 259200}}          | lmq.limits.offline-retention: expected an ISO-8601 duration such as P3D, PT10S or PT1H30M, was '259200' (write PT259200S for seconds)
            lmq: {limits: {token-max-validity: 30 days}}        | lmq.limits.token-max-validity: expected an ISO-8601 duration
            lmq: {limits: {token-min-expire-distance: -PT1S}}   | lmq.limits.token-min-expire-distance: must be zero or positive, was -PT1S
            lmq: {limits: {token-min-expire-distance: P31D}}    | lmq.limits.token-min-expire-distance: must not exceed lmq.limits.token-max-validity (PT720H), was PT744H
            lmq: {limits: {client-id-max-length: 0}}            | lmq.limits.client-id-max-length: must be between 1 and 65535, was 0
            lmq: {limits: {max-parent-topics: -1}}              | lmq.limits.max-parent-topics: must be between 1 and 2147483647, was -1
            lmq: {limits: {topic-min-length: 10, topic-max-length: 5}} | lmq.limits.topic-min-length: must not exceed lmq.limits.topic-max-length (5), was 10
            lmq: {limits: {max-payload-bytes: 300000}}          | lmq.limits.max-frame-bytes: must exceed lmq.limits.max-payload-bytes (300000), was 262144
            lmq: {limits: {max-offline-messages: 0}}            | lmq.limits.max-offline-messages: must be positive, was 0
            lmq: {limits: {max-token-resources: 1.5}}           | lmq.limits.max-token-resources: expected a whole number
            lmq: {limits: 5}                                    | lmq.limits: expected a section of key: value pairs
            lmq: {allow-anonymous: 1}                           | lmq.allow-anonymous: expected true or false
            lmq: {groups: GID_one}                              | lmq.groups: expected
            lmq: {groups: [GID_okay, '']}                       | lmq.groups[1]: must not be empty
            lmq: {groups: [GID_okay, bad]}                      | lmq.groups[1]: Group ID
            lmq: {groups: [GID_okay, GID_okay]}                 | lmq.groups[1]: Group ID 'GID_okay' already exists
            lmq: {parent-topics: [abc, ABC]}                    | lmq.parent-topics[1]: parent topic 'ABC' clashes with existing 'abc' (names are case-insensitive)
            lmq: {parent-topics: [a/b]}                         | lmq.parent-topics[0]: parent topic name contains
            lmq: {parent-topics: [one, two, three], limits: {max-parent-topics: 2}} | lmq.parent-topics[2]: instance already holds 2 parent topics; at most 2
            lmq: {access-keys: {AK: ''}}                        | lmq.access-keys.AK: SecretKey must not be empty
            lmq: {access-keys: [{access-key: AK}]}              | lmq.access-keys[0].secret-key: is required
            lmq: {access-keys: [{access-key: AK, secret-key: a}, {access-key: AK, secret-key: b}]} | lmq.access-keys[1].access-key: 'AK' is listed twice
            lmq: {access-keys: [AK]}                            | lmq.access-keys[0]: expected {access-key: .., secret-key: ..}
            lmq: {access-keys: AK}                              | lmq.access-keys: expected a map of AccessKey: SecretKey, or a list of {access-key, secret-key}
            lmq: {access-keys: {AK: [a]}}                       | lmq.access-keys.AK: expected a single value
            lmq: {instance-id: ''}                              | lmq.instance-id: must be non-empty
            lmq: {status-topic: 'a/#'}                          | lmq.status-topic: must be a topic name without wildcards, was 'a/#'
            lmq: {trace-capacity: 0}                            | lmq.trace-capacity: must be between 1 and 10000000, was 0
            admin: {enabled: true, port: 70000}                 | admin.port: must be between 0 and 65535, was 70000
            admin: {enabled: true, host: ' '}                   | admin.host: must not be empty
            admin: {enabled: true, port: 1883}                  | admin.port: 1883 is also the port of listeners.tcp
            admin: {enabled: sure}                              | admin.enabled: expected true or false
            admin: {test-mode: 1}                               | admin.test-mode: expected true or false
            admin: {enabled: true, token: ''}                   | admin.token: must not be empty (leave it out to have a token generated at start)
            admin: {enabled: true, token: short-secret}         | admin.token: must be at least 16 characters of A-Z a-z 0-9 - . _ ~ + / (optionally ending in '='), was 12 characters
            admin: {enabled: true, token: 'has spaces in the secret'} | admin.token: must be at least 16 characters
            admin: {enabled: true, token: '${LMQ_TEST_VARIABLE_THAT_IS_NOT_SET_42}'} | admin.token: environment variable LMQ_TEST_VARIABLE_THAT_IS_NOT_SET_42 is not set
            admin: {enabled: true, allowed-hosts: broker.internal} | admin.allowed-hosts: expected
            admin: {enabled: true, allowed-hosts: ['broker.internal:8080']} | admin.allowed-hosts[0]: must be a host name or IP address without scheme, port or path
            admin: {enabled: true, allowed-hosts: [ok.internal, 'http://x']} | admin.allowed-hosts[1]: must be a host name
            admin: {enabled: true, allowed-hosts: [ok.internal, '']} | admin.allowed-hosts[1]: must be a host name
            admin: {enabled: true, allowed-hosts: [~]}          | admin.allowed-hosts[0]: must be a host name
            admin: {enabled: true, allowed-hosts: ['*.internal']} | admin.allowed-hosts[0]: must be a host name
            admin: {enabled: true, allowed-hosts: ['[fd00::zz]']} | admin.allowed-hosts[0]: must be a host name
            """)
    void badLmqOrAdminValueIsNamedWithItsPath(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void pipeInInstanceIdOrAccessKeyIsRefused() {
        // '|' separates the parts of the MQTT user name (SignatureAuthenticator, TokenAuthenticator)
        assertThatThrownBy(() -> parse("lmq: {instance-id: 'a|b'}"))
                .hasMessage("lmq.instance-id: must be non-empty and free of '|', was 'a|b'");
        assertThatThrownBy(() -> parse("lmq: {access-keys: {'AK|x': s}}"))
                .hasMessage("lmq.access-keys.AK|x: AccessKey must be non-blank and free of '|' (" + SignatureAuthenticator.RULE + ")");
    }

    @Test
    void disabledAdminIsNotCheckedAgainstListeners() {
        // the production file keeps admin.port even when admin is off; no clash is reported then
        assertThat(parse("admin: {enabled: false, port: 1883}").admin().port()).isEqualTo(1883);
        // an ephemeral admin port, or another host, does not clash
        parse("admin: {enabled: true, port: 0}");
        parse("listeners: {tcp: {host: 127.0.0.1, port: 8080}}\nadmin: {enabled: true, host: 127.0.0.2, port: 8080}");
    }
}
