package dev.lmqharness.broker.lmq;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * LMQ credentials computed the way a client application does, independently of the broker's
 * code: signature mode (LMQ-AUTH-1) and token mode (LMQ-AUTH-2).
 */
final class Credentials {

    private Credentials() {
    }

    static String signatureUser(String accessKey, String instanceId) {
        return "Signature|" + accessKey + "|" + instanceId;
    }

    static String tokenUser(String accessKey, String instanceId) {
        return "Token|" + accessKey + "|" + instanceId;
    }

    /** Base64(HMAC-SHA1(key = secretKey, data = clientId)). */
    static String signature(String secretKey, String clientId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(clientId.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    static ConnectSpec signed(ConnectSpec spec, String accessKey, String secretKey, String instanceId) {
        return spec.credentials(signatureUser(accessKey, instanceId), signature(secretKey, spec.clientId()));
    }
}
