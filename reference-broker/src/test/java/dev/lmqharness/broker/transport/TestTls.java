package dev.lmqharness.broker.transport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/** Client-side trust for tests: trusts exactly the broker's (self-signed) certificate. */
final class TestTls {

    private TestTls() {
    }

    static TrustManagerFactory trusting(X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("broker", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf;
    }

    static SSLContext sslContextTrusting(X509Certificate cert) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trusting(cert).getTrustManagers(), null);
        return ctx;
    }
}
