package dev.lmqharness.broker.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tls:} where the TLS and WSS listeners get their certificate. A section that names a
 * certificate source (key-store, cert-chain-pem / private-key-pem or self-signed) replaces the
 * source of the config below it; {@code self-signed} then defaults to false.
 * The password may be written {@code ${ENV_VAR}} to keep it out of the file.
 */
final class TlsSection {

    private static final Pattern ENV_REFERENCE = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)}$");

    public String keyStore;
    public String keyStorePassword;
    public String keyStoreType;
    public String certChainPem;
    public String privateKeyPem;
    public Boolean selfSigned;

    TlsConfig applyTo(TlsConfig base, String key) {
        String password = keyStorePassword == null ? base.keyStorePassword()
                : expandEnv(key + ".key-store-password", keyStorePassword);
        String type = keyStoreType == null ? base.keyStoreType()
                : ConfigChecks.oneOf(key + ".key-store-type", keyStoreType, KeyStoreType.class).name();
        boolean setsSource = keyStore != null || certChainPem != null || privateKeyPem != null || selfSigned != null;
        if (!setsSource) {
            return new TlsConfig(base.keyStorePath(), password, type, base.certChainPemPath(),
                    base.privateKeyPemPath(), base.selfSigned());
        }
        return new TlsConfig(
                keyStore, password, type, certChainPem, privateKeyPem,
                selfSigned != null && selfSigned);
    }

    /** A whole value of the form ${VAR} is replaced by that environment variable, which must be set. */
    static String expandEnv(String key, String value) {
        Matcher m = ENV_REFERENCE.matcher(value.trim());
        if (!m.matches()) {
            return value;
        }
        String env = System.getenv(m.group(1));
        if (env == null) {
            throw new ConfigException(key, "environment variable " + m.group(1) + " is not set");
        }
        return env;
    }

    enum KeyStoreType { PKCS12, JKS }
}
