package dev.lmqharness.broker.transport;

import dev.lmqharness.broker.config.TlsConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds the server {@link SslContext} of the TLS and WSS listeners from a {@link TlsConfig}:
 * a key store (PKCS12 or JKS), a PEM certificate chain plus PEM private key, or a generated
 * self-signed certificate. In that order of precedence; the config loader refuses ambiguous
 * combinations before this runs. Every failure is a {@link TlsSetupException} naming the key.
 */
public final class SslContextFactory {

    /** Sub-directory of the data directory that keeps the self-signed certificate between runs. */
    public static final String SELF_SIGNED_DIR = "tls";
    public static final String SELF_SIGNED_CERT_FILE = "self-signed-cert.pem";
    public static final String SELF_SIGNED_KEY_FILE = "self-signed-key.pem";

    private static final Logger LOG = LoggerFactory.getLogger(SslContextFactory.class);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private SslContextFactory() {
    }

    /** Loads the certificate and builds the context in one step. */
    public static SslContext forConfig(TlsConfig tls, Path dataDir) {
        return serverContext(loadCertificate(tls, dataDir));
    }

    /**
     * @param dataDir where a self-signed certificate is kept ({@code <dataDir>/tls/}) so that it
     *                survives restarts and clients can trust the file; {@code null} keeps a
     *                generated certificate in memory only
     */
    public static ServerCertificate loadCertificate(TlsConfig tls, Path dataDir) {
        if (tls.keyStorePath() != null) {
            return fromKeyStore(Path.of(tls.keyStorePath()), tls.keyStorePassword(), tls.keyStoreType());
        }
        if (tls.certChainPemPath() != null || tls.privateKeyPemPath() != null) {
            if (tls.certChainPemPath() == null || tls.privateKeyPemPath() == null) {
                throw new TlsSetupException("tls: cert-chain-pem and private-key-pem must be set together");
            }
            return fromPem(Path.of(tls.certChainPemPath()), Path.of(tls.privateKeyPemPath()));
        }
        if (tls.selfSigned()) {
            return selfSigned(dataDir);
        }
        throw new TlsSetupException("tls: no certificate for the TLS listeners: set key-store, "
                + "cert-chain-pem with private-key-pem, or self-signed: true");
    }

    public static SslContext serverContext(ServerCertificate cert) {
        try {
            return SslContextBuilder.forServer(cert.privateKey(), cert.chain().toArray(X509Certificate[]::new))
                    .protocols(PROTOCOLS)
                    .build();
        } catch (SSLException e) {
            throw new TlsSetupException("tls: cannot use the certificate from " + cert.origin() + ": " + e.getMessage(), e);
        }
    }

    public static ServerCertificate fromKeyStore(Path file, String password, String type) {
        String storeType = type == null ? "PKCS12" : type;
        char[] pass = password == null ? new char[0] : password.toCharArray();
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance(storeType);
            store.load(in, pass);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException("tls.key-store: file not found: " + file);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException("tls.key-store: cannot open " + file + " as " + storeType + ": " + rootMessage(e), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, pass);
                Certificate[] chain = store.getCertificateChain(alias);
                if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                    continue;
                }
                List<X509Certificate> certs = new ArrayList<>();
                for (Certificate c : chain) {
                    certs.add((X509Certificate) c);
                }
                return new ServerCertificate(privateKey, certs, "key store " + file + " (alias " + alias + ")", null);
            }
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("tls.key-store: cannot read the key in " + file
                    + " (the key password must equal the store password): " + rootMessage(e), e);
        }
        throw new TlsSetupException("tls.key-store: " + file + " holds no private key with a certificate chain");
    }

    public static ServerCertificate fromPem(Path certChainFile, Path privateKeyFile) {
        List<X509Certificate> chain;
        try {
            chain = PemFiles.readCertificates(certChainFile);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException("tls.cert-chain-pem: file not found: " + certChainFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException("tls.cert-chain-pem: cannot read " + certChainFile + ": " + rootMessage(e), e);
        }
        PrivateKey key;
        try {
            key = PemFiles.readPrivateKey(privateKeyFile);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException("tls.private-key-pem: file not found: " + privateKeyFile);
        } catch (IOException e) {
            throw new TlsSetupException("tls.private-key-pem: cannot read " + privateKeyFile + ": " + rootMessage(e), e);
        }
        if (!matches(key, chain.get(0))) {
            throw new TlsSetupException("tls.private-key-pem: the key in " + privateKeyFile
                    + " does not belong to the first certificate in " + certChainFile);
        }
        return new ServerCertificate(key, chain, "PEM " + certChainFile, null);
    }

    /**
     * Reuses {@code <dataDir>/tls/self-signed-*.pem} when they are present, match and are valid for
     * at least another day; otherwise generates a new pair and writes it there.
     */
    public static ServerCertificate selfSigned(Path dataDir) {
        if (dataDir == null) {
            SelfSignedCertificates.Generated g = SelfSignedCertificates.generate();
            LOG.warn("TLS listeners use a self-signed certificate generated for this run (development only)");
            return new ServerCertificate(g.keyPair().getPrivate(), List.of(g.certificate()), "self-signed", null);
        }
        Path dir = dataDir.resolve(SELF_SIGNED_DIR);
        Path certFile = dir.resolve(SELF_SIGNED_CERT_FILE);
        Path keyFile = dir.resolve(SELF_SIGNED_KEY_FILE);
        ServerCertificate existing = readExistingSelfSigned(certFile, keyFile);
        if (existing != null) {
            LOG.warn("TLS listeners use the self-signed certificate {} (development only)", certFile);
            return existing;
        }
        SelfSignedCertificates.Generated g = SelfSignedCertificates.generate();
        try {
            PemFiles.writePrivateKey(keyFile, g.keyPair().getPrivate());
            PemFiles.writeCertificate(certFile, g.certificate());
        } catch (IOException e) {
            throw new TlsSetupException("tls.self-signed: cannot write the certificate to " + dir + ": " + rootMessage(e), e);
        }
        LOG.warn("TLS listeners use a new self-signed certificate {} (development only)", certFile);
        return new ServerCertificate(g.keyPair().getPrivate(), List.of(g.certificate()), "self-signed", certFile);
    }

    private static ServerCertificate readExistingSelfSigned(Path certFile, Path keyFile) {
        if (!Files.isRegularFile(certFile) || !Files.isRegularFile(keyFile)) {
            return null;
        }
        try {
            X509Certificate cert = PemFiles.readCertificates(certFile).get(0);
            PrivateKey key = PemFiles.readPrivateKey(keyFile);
            boolean fresh = cert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(1)));
            if (fresh && matches(key, cert)) {
                return new ServerCertificate(key, List.of(cert), "self-signed", certFile);
            }
            LOG.info("Replacing the expired or mismatched self-signed certificate {}", certFile);
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("Replacing the unreadable self-signed certificate {}: {}", certFile, rootMessage(e));
        }
        return null;
    }

    /** Signs a random challenge with the key and verifies it with the certificate's public key. */
    static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return true; // unusual key type: leave the check to the TLS handshake
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The outermost message (the JDK's are the clearest, e.g. "keystore password was incorrect"). */
    private static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
