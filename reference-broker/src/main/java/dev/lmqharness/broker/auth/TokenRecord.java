package dev.lmqharness.broker.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One issued token ({@link TokenService}). Immutable; revoking stores a copy with {@code revoked = true}.
 *
 * @param token            the opaque token string
 * @param instanceId       the instance it was issued for
 * @param resources        the topic filters it covers (wildcards allowed)
 * @param actions          R and/or W
 * @param issuedAtMillis   when ApplyToken issued it
 * @param expireTimeMillis when it stops being valid (after the 30-day cap of {@link TokenService})
 * @param revoked          whether RevokeToken ended it
 */
public record TokenRecord(String token, String instanceId, List<String> resources, Set<TokenAction> actions,
                          long issuedAtMillis, long expireTimeMillis, boolean revoked) {

    public TokenRecord {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(instanceId, "instanceId");
        resources = List.copyOf(resources);
        actions = Set.copyOf(EnumSet.copyOf(actions));
    }

    /** Valid while {@code now < expireTime} and not revoked. */
    public TokenStatus statusAt(long nowMillis) {
        if (revoked) {
            return TokenStatus.REVOKED;
        }
        return nowMillis < expireTimeMillis ? TokenStatus.VALID : TokenStatus.EXPIRED;
    }

    TokenRecord asRevoked() {
        return new TokenRecord(token, instanceId, resources, actions, issuedAtMillis, expireTimeMillis, true);
    }
}
