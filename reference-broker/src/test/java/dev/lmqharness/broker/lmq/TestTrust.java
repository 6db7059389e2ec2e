package dev.lmqharness.broker.lmq;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/** Client-side trust for TLS and WSS: exactly the broker's own (self-signed) certificate. */
final class TestTrust {

    private TestTrust() {
    }

    static TrustManagerFactory trusting(X509Certificate cert) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("broker", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a trust store for the broker certificate", e);
        }
    }

    static SSLContext sslContext(X509Certificate cert) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trusting(cert).getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build an SSL context for the broker certificate", e);
        }
    }
}
