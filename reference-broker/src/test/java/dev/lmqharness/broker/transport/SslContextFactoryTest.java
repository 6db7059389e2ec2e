package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.it.KitClients;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.broker.config.BrokerConfig;
import dev.lmqharness.broker.config.TlsConfig;
import dev.lmqharness.broker.config.Transport;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SslContextFactoryTest {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    @TempDir
    Path dir;

    @Test
    void selfSignedCertificateIsForLocalhost() throws Exception {
        X509Certificate cert = SelfSignedCertificates.generate().certificate();

        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getSubjectAlternativeNames())
                .contains(List.of(SAN_DNS, "localhost"), List.of(SAN_IP, "127.0.0.1"));
        assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(cert.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(300)));
        cert.checkValidity();
        cert.verify(cert.getPublicKey());
    }

    @Test
    void selfSignedIsWrittenUnderDataDirAndReused() throws Exception {
        ServerCertificate first = SslContextFactory.selfSigned(dir);
        Path pem = dir.resolve("tls").resolve("self-signed-cert.pem");
        assertThat(first.certificatePemFile()).contains(pem);
        assertThat(Files.readString(pem)).isEqualTo(first.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(PemFiles.readCertificates(pem)).containsExactly(first.certificate());
        assertThat(Files.getPosixFilePermissions(dir.resolve("tls").resolve("self-signed-key.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(pem)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));

        ServerCertificate second = SslContextFactory.selfSigned(dir);
        assertThat(second.certificate()).isEqualTo(first.certificate());
    }

    @Test
    void mismatchedSelfSignedFilesAreReplaced() throws Exception {
        ServerCertificate first = SslContextFactory.selfSigned(dir);
        PemFiles.writePrivateKey(dir.resolve("tls").resolve("self-signed-key.pem"),
                SelfSignedCertificates.generate().keyPair().getPrivate());

        ServerCertificate second = SslContextFactory.selfSigned(dir);
        assertThat(second.certificate()).isNotEqualTo(first.certificate());
        assertThat(SslContextFactory.matches(second.privateKey(), second.certificate())).isTrue();
    }

    @Test
    void selfSignedWithoutDataDirStaysInMemory() {
        ServerCertificate cert = SslContextFactory.selfSigned(null);
        assertThat(cert.certificatePemFile()).isEmpty();
        assertThat(cert.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PKCS12", "JKS"})
    void keyStoreServesTls(String type) throws Exception {
        SelfSignedCertificates.Generated g = SelfSignedCertificates.generate();
        Path store = dir.resolve("server." + type.toLowerCase());
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(null, null);
        ks.setKeyEntry("server", g.keyPair().getPrivate(), "s3cret".toCharArray(), new Certificate[]{g.certificate()});
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, "s3cret".toCharArray());
        }
        TlsConfig tls = new TlsConfig(store.toString(), "s3cret", type, null, null, false);

        assertTlsConnect(tls, g.certificate());
    }

    @Test
    void wrongKeyStorePasswordNamesKeyAndFile() throws Exception {
        SelfSignedCertificates.Generated g = SelfSignedCertificates.generate();
        Path store = dir.resolve("server.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", g.keyPair().getPrivate(), "right".toCharArray(), new Certificate[]{g.certificate()});
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, "right".toCharArray());
        }
        assertThatThrownBy(() -> SslContextFactory.fromKeyStore(store, "wrong", "PKCS12"))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith("tls.key-store: cannot open " + store)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> SslContextFactory.fromKeyStore(dir.resolve("missing.p12"), "x", "PKCS12"))
                .hasMessage("tls.key-store: file not found: " + dir.resolve("missing.p12"));
    }

    @Test
    void pkcs8PemServesTls() throws Exception {
        SelfSignedCertificates.Generated g = SelfSignedCertificates.generate();
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        PemFiles.writeCertificate(cert, g.certificate());
        PemFiles.writePrivateKey(key, g.keyPair().getPrivate());
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");

        assertTlsConnect(new TlsConfig(null, null, "PKCS12", cert.toString(), key.toString(), false), g.certificate());
    }

    @Test
    void pkcs1PemAsWrittenByOpenSslIsRead() throws Exception {
        SelfSignedCertificates.Generated g = SelfSignedCertificates.generate();
        Path key = dir.resolve("rsa-key.pem");
        try (Writer w = Files.newBufferedWriter(key); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(g.keyPair()); // "-----BEGIN RSA PRIVATE KEY-----"
        }
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        Path cert = dir.resolve("cert.pem");
        PemFiles.writeCertificate(cert, g.certificate());

        ServerCertificate loaded = SslContextFactory.fromPem(cert, key);
        assertThat(loaded.certificate()).isEqualTo(g.certificate());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(g.keyPair().getPrivate().getEncoded());
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        PemFiles.writeCertificate(cert, SelfSignedCertificates.generate().certificate());
        PemFiles.writePrivateKey(key, SelfSignedCertificates.generate().keyPair().getPrivate());

        assertThatThrownBy(() -> SslContextFactory.fromPem(cert, key))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith("tls.private-key-pem: the key in " + key + " does not belong to");
    }

    @Test
    void notPemIsRefusedWithKeyName() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Files.writeString(cert, "hello\n");
        assertThatThrownBy(() -> SslContextFactory.fromPem(cert, cert))
                .hasMessageStartingWith("tls.cert-chain-pem: cannot read " + cert + ": no PEM certificate");
    }

    @Test
    void noCertificateSourceIsRefused() {
        assertThatThrownBy(() -> SslContextFactory.loadCertificate(
                new TlsConfig(null, null, "PKCS12", null, null, false), dir))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith("tls: no certificate");
    }

    /** A TLS listener built from {@code tls} accepts a (kit) HiveMQ client that trusts {@code expected} only. */
    private void assertTlsConnect(TlsConfig tls, X509Certificate expected) throws Exception {
        BrokerConfig config = TestConfigs.ephemeral(Transport.TLS).withTls(tls);
        PingPongMqttInstaller mqtt = new PingPongMqttInstaller(config.mqtt().maxFrameBytes());
        try (ListenerGroup group = new ListenerGroup(config, mqtt, null, 1)) {
            int port = group.start().get(Transport.TLS);
            assertThat(group.serverCertificate().orElseThrow().certificate()).isEqualTo(expected);
            try (AppClient client = KitClients.app(ClientKind.HIVEMQ, BrokerAddress.loopback(Scheme.SSL, port), "tls-check",
                    TestTls.trusting(expected))) {
                KitClients.connect(client, true);   // trusting exactly that certificate, host name checked
                client.disconnect();
            }
        }
    }
}
