package dev.lmqharness.broker.transport;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The key and certificate chain the TLS listeners present.
 *
 * @param privateKey  the server's private key
 * @param chain       leaf certificate first
 * @param origin      where it came from, for logs ("key store x.p12", "self-signed")
 * @param pemFile     where the leaf certificate is written as PEM, if anywhere (self-signed only:
 *                    clients trust this file)
 */
public record ServerCertificate(PrivateKey privateKey, List<X509Certificate> chain, String origin, Path pemFile) {

    public ServerCertificate {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
    }

    /** The leaf certificate: the one a client must trust when the broker's certificate is self-signed. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    public Optional<Path> certificatePemFile() {
        return Optional.ofNullable(pemFile);
    }

    /** The leaf certificate in PEM form. */
    public String certificatePem() {
        return PemFiles.certificateToPem(certificate());
    }
}
