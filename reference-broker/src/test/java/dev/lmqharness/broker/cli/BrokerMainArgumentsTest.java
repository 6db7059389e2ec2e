package dev.lmqharness.broker.cli;

import dev.lmqharness.broker.config.AdminConfig;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.ConfigException;
import dev.lmqharness.broker.config.ListenerConfig;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.config.StoreConfig;
import dev.lmqharness.broker.config.TlsConfig;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.broker.rules.OfflinePolicy;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.rules.SubscriptionQuota;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Argument parsing and config building of the command line, in-process; no broker is started. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BrokerMainArgumentsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return BrokerMain.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    /** Parses the flags and builds the config the broker would start with. */
    private BrokerConfig configOf(String... args) {
        CommandLine cl = BrokerMain.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        cl.parseArgs(args);
        return cl.<BrokerMain>getCommand().config();
    }

    private void assertOneErrorLine(int code, String expectedStart) {
        assertThat(code).isEqualTo(BrokerMain.EXIT_BAD_CONFIG);
        String text = err.toString();
        assertThat(text.lines()).hasSize(1);
        assertThat(text).startsWith(expectedStart).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --tcp-port abc         | error: Invalid value for option '--tcp-port': 'abc' is not a port number (see --help)
            --ws-port 70000        | error: Invalid value for option '--ws-port': 70000 is not between -1 (off) and 65535 (see --help)
            --tls-port -2          | error: Invalid value for option '--tls-port': -2 is not between -1 (off) and 65535 (see --help)
            --store mongo          | error: Invalid value for option '--store': expected one of [MEMORY, ROCKSDB]
            --profile mqtt5        | error: Invalid value for option '--profile': expected one of [MQTT311, LMQ, LITE]
            --tpc-port 1883        | error: Unknown options: '--tpc-port', '1883' (see --help)
            --admin-port 70000     | error: Invalid value for option '--admin-port': 70000 is not between -1 (off) and 65535 (see --help)
            --admin-port x         | error: Invalid value for option '--admin-port': 'x' is not a port number (see --help)
            --config               | error: Missing required parameter for option '--config'
            """)
    void badFlagGivesOneLineAndExitCode2(String args, String message) {
        assertOneErrorLine(run(args.split(" ")), message);
    }

    @Test
    void breakRuleTakesTheIdsOfTheHomeClasses() {
        assertThat(configOf("--break-rule", SubscriptionQuota.RULE, "--break-rule", OfflinePolicy.CAP).lmq().brokenRules())
                .containsExactlyInAnyOrder(SubscriptionQuota.RULE, OfflinePolicy.CAP);
        assertThat(LmqConfig.BREAKABLE_RULES).contains(SubscriptionQuota.RULE, OfflinePolicy.CAP);
    }

    @Test
    void unknownBreakRuleGivesOneLineNamingTheKey() {
        assertOneErrorLine(run("--tcp-port", "0", "--break-rule", "NO-SUCH-1"),
                "config error: lmq.break-rules: 'NO-SUCH-1' cannot be broken; one of [");
    }

    @Test
    void badConfigFileGivesOneLineNamingKeyAndFile() throws Exception {
        Path file = Files.writeString(dir.resolve("broker.yaml"), "listeners:\n  tcp: {prot: 1883}\n");
        assertOneErrorLine(run("--config", file.toString()),
                "config error: listeners.tcp.prot: unknown key (known: enabled, host, path, port) (in " + file + ")");
    }

    @Test
    void badValueInFileGivesOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("broker.yaml"), "mqtt: {max-inflight: 0}\n");
        assertOneErrorLine(run("--config", file.toString()),
                "config error: mqtt.max-inflight: must be between 1 and 65535, was 0");
    }

    @Test
    void missingConfigFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertOneErrorLine(run("--config", missing.toString()), "config error: config file not found: " + missing);
        assertThat(err.toString()).doesNotContain("(in ");
    }

    @Test
    void missingKeyStoreFromFlagIsNamedByKey() {
        assertOneErrorLine(run("--tls-port", "8883", "--keystore", dir.resolve("x.p12").toString()),
                "config error: tls.key-store: file not found: " + dir.resolve("x.p12"));
    }

    @Test
    void clashingPortsFromFlagsAreRefused() {
        assertOneErrorLine(run("--tcp-port", "18830", "--ws-port", "18830"),
                "config error: listeners.ws.port: 18830 is also the port of listeners.tcp");
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("broker.yaml"), """
                profile: lmq
                listeners:
                  tcp: {enabled: true, host: 0.0.0.0, port: 1884}
                  tls: {enabled: true, port: 8884}
                  ws:  {enabled: false, port: 8083, path: /mqtt-ws}
                tls: {self-signed: true}
                store: {type: rocksdb, path: data-from-file, fsync: true}
                mqtt: {max-inflight: 7}
                """);
        BrokerConfig c = configOf("--config", file.toString(), "--profile", "lite", "--host", "127.0.0.1",
                "--tcp-port", "0", "--tls-port", "-1", "--ws-port", "19001",
                "--store", "memory", "--data-dir", dir.resolve("d").toString(), "--no-fsync");

        assertThat(c.profile()).isEqualTo(Profile.LITE);
        assertThat(c.listener(Transport.TCP)).isEqualTo(new ListenerConfig(Transport.TCP, true, "127.0.0.1", 0, null));
        assertThat(c.listener(Transport.TLS).enabled()).isFalse();
        // the port flag turns WS on; the file's path stays
        assertThat(c.listener(Transport.WS)).isEqualTo(new ListenerConfig(Transport.WS, true, "127.0.0.1", 19001, "/mqtt-ws"));
        assertThat(c.listener(Transport.WSS).enabled()).isFalse();
        assertThat(c.store()).isEqualTo(new StoreConfig(StoreConfig.Type.MEMORY, dir.resolve("d").toString(), false));
        assertThat(c.mqtt().maxInflight()).isEqualTo(7); // not overridden
    }

    @Test
    void adminPortTurnsTheAdminApiOnAndTestModeIsAFlag() {
        BrokerConfig c = configOf("--admin-port", "0", "--test-mode");
        assertThat(c.admin()).isEqualTo(new AdminConfig(true, "127.0.0.1", 0, true));
        // --host moves the MQTT listeners only; the admin API stays on its own host
        assertThat(configOf("--host", "0.0.0.0", "--admin-port", "18080").admin())
                .isEqualTo(new AdminConfig(true, "127.0.0.1", 18080, false));
        assertThat(configOf().admin().enabled()).as("off by default").isFalse();
    }

    @Test
    void adminFlagsOverrideTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("broker.yaml"),
                "admin: {enabled: true, host: 127.0.0.1, port: 18080, test-mode: true}\n");
        assertThat(configOf("--config", file.toString(), "--admin-port", "-1", "--no-test-mode").admin())
                .isEqualTo(new AdminConfig(false, "127.0.0.1", 18080, false));
        assertThat(configOf("--config", file.toString(), "--admin-port", "18081").admin())
                .isEqualTo(new AdminConfig(true, "127.0.0.1", 18081, true));
    }

    @Test
    void adminTokenAndAllowedHostsAreFlags() throws Exception {
        AdminConfig a = configOf("--admin-port", "0", "--admin-token", "flag-admin-token-0123456789",
                "--admin-allowed-host", "broker.internal", "--admin-allowed-host", "10.0.0.5").admin();
        assertThat(a.token()).isEqualTo("flag-admin-token-0123456789");
        assertThat(a.allowedHosts()).containsExactly("broker.internal", "10.0.0.5");
        Path file = Files.writeString(dir.resolve("broker.yaml"),
                "admin: {enabled: true, token: file-admin-token-0123456789, allowed-hosts: [a.internal]}\n");
        assertThat(configOf("--config", file.toString()).admin().token()).isEqualTo("file-admin-token-0123456789");
        assertThat(configOf("--config", file.toString(), "--admin-token", "flag-admin-token-0123456789",
                "--admin-allowed-host", "b.internal").admin())
                .isEqualTo(new AdminConfig(true, "127.0.0.1", 8080, false, "flag-admin-token-0123456789", java.util.List.of("b.internal")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --admin-port 0 --admin-token=                      | config error: admin.token: must not be empty
            --admin-port 0 --admin-token too-short             | config error: admin.token: must be at least 16 characters
            --admin-port 0 --admin-allowed-host http://x       | config error: admin.allowed-hosts[0]: must be a host name
            --admin-port 0 --admin-allowed-host a.b --admin-allowed-host c:80 | config error: admin.allowed-hosts[1]: must be a host name
            """)
    void badAdminTokenOrHostStopsTheStartNamingTheKey(String args, String expected) {
        assertOneErrorLine(run(args.trim().split("\\s+")), expected);
        assertThat(err.toString()).doesNotContain("too-short");
    }

    @Test
    void adminPortClashingWithAListenerIsRefused() {
        assertOneErrorLine(run("--tcp-port", "18830", "--admin-port", "18830"),
                "config error: admin.port: 18830 is also the port of listeners.tcp");
    }

    @Test
    void noFlagsNoFileGivesDefaults() {
        assertThat(configOf()).isEqualTo(BrokerConfig.defaults());
    }

    @Test
    void tlsFlagsReplaceTheFilesCertificateSource() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        Path file = Files.writeString(dir.resolve("broker.yaml"), "tls: {self-signed: true, key-store-password: pw}\n");
        BrokerConfig c = configOf("--config", file.toString(), "--tls-port", "0",
                "--cert-pem", cert.toString(), "--key-pem", key.toString());
        assertThat(c.tls()).isEqualTo(new TlsConfig(null, "pw", "PKCS12", cert.toString(), key.toString(), false));

        Path ks = Files.writeString(dir.resolve("server.jks"), "x");
        BrokerConfig k = configOf("--wss-port", "0", "--keystore", ks.toString(), "--keystore-password", "secret",
                "--keystore-type", "jks");
        assertThat(k.tls()).isEqualTo(new TlsConfig(ks.toString(), "secret", "JKS", null, null, false));
        assertThat(k.listener(Transport.WSS).enabled()).isTrue();
    }

    @Test
    void configErrorFromFlagsIsAConfigException() {
        assertThatThrownBy(() -> configOf("--tls-port", "0", "--cert-pem", "only-the-cert.pem"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tls.private-key-pem: required together with tls.cert-chain-pem");
    }

    @Test
    void helpDocumentsThePortScheme() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("--config=FILE", "--tcp-port=PORT", "--tls-port=PORT", "--ws-port=PORT", "--wss-port=PORT",
                        "--store=TYPE", "--data-dir=DIR", "--[no-]fsync", "--keystore=FILE", "--cert-pem=FILE",
                        "--key-pem=FILE", "--admin-port=PORT", "--admin-token=TOKEN", "--admin-allowed-host=HOST",
                        "--[no-]test-mode", "-1 turns the listener off")
                .contains("Exit codes");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void versionIsPrinted() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("LMQ reference broker ");
    }

    @Test
    void startupLineListsBoundListeners() {
        BrokerConfig c = BrokerConfig.defaults()
                .withListener(ListenerConfig.defaults(Transport.TCP).withPort(0))
                .withListener(ListenerConfig.defaults(Transport.WS).withPort(0));
        assertThat(StartupSummary.line(c, Map.of(Transport.TCP, 41883, Transport.WS, 48083), -1))
                .isEqualTo("LMQ reference broker started: profile=mqtt311 tcp=0.0.0.0:41883 ws=0.0.0.0:48083/mqtt store=rocksdb(data)");
        BrokerConfig v6 = c.withListener(ListenerConfig.defaults(Transport.TCP).withHost("::1"))
                .withStore(StoreConfig.memory()).withProfile(Profile.LMQ);
        assertThat(StartupSummary.line(v6, Map.of(Transport.TCP, 1883, Transport.WS, 8083), -1))
                .isEqualTo("LMQ reference broker started: profile=lmq tcp=[::1]:1883 ws=0.0.0.0:8083/mqtt store=memory");
        assertThat(StartupSummary.line(c, Map.of(Transport.TCP, 1883), -1))
                .isEqualTo("LMQ reference broker started: profile=mqtt311 tcp=0.0.0.0:1883 ws=0.0.0.0:0/mqtt(not-bound) store=rocksdb(data)");
        BrokerConfig withAdmin = c.withAdmin(c.admin().withEnabled(true).withTestMode(true));
        assertThat(StartupSummary.line(withAdmin, Map.of(Transport.TCP, 1883, Transport.WS, 8083), 8080))
                .isEqualTo("LMQ reference broker started: profile=mqtt311 tcp=0.0.0.0:1883 ws=0.0.0.0:8083/mqtt"
                        + " admin=127.0.0.1:8080(test-mode) store=rocksdb(data)");
    }
}
