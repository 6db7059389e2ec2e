package dev.lmqharness.broker.it;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509TrustManager;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

/**
 * Trusts any server certificate: only for the development self-signed certificate, which the
 * broker generates at start and the test cannot know beforehand.
 */
final class TrustAll {

    private static final X509TrustManager MANAGER = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private TrustAll() {
    }

    static TrustManagerFactory factory() {
        return new TrustManagerFactory(new TrustManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore ks) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters spec) {
            }

            @Override
            protected TrustManager[] engineGetTrustManagers() {
                return new TrustManager[]{MANAGER};
            }
        }, new Provider("trust-all", "1.0", "tests only") {
        }, "trust-all") {
        };
    }

    /** An SSL context trusting {@code tmf}, or anything when it is null. */
    static SSLContext context(TrustManagerFactory tmf) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf == null ? new TrustManager[]{MANAGER} : tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
