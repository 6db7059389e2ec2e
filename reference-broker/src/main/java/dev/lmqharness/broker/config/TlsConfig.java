package dev.lmqharness.broker.config;

/**
 * Where the TLS listeners get their certificate: a key store (PKCS12/JKS), a PEM certificate
 * chain plus PEM private key, or (development only) a self-signed certificate generated at start.
 */
public record TlsConfig(String keyStorePath, String keyStorePassword, String keyStoreType,
                        String certChainPemPath, String privateKeyPemPath, boolean selfSigned) {

    public static TlsConfig selfSignedDefault() {
        return new TlsConfig(null, null, "PKCS12", null, null, true);
    }
}
