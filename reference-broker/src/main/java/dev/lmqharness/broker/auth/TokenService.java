package dev.lmqharness.broker.auth;

import dev.lmqharness.broker.clock.BrokerClock;
import dev.lmqharness.broker.rules.LmqLimits;
import dev.lmqharness.broker.rules.TopicFilters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The token API, mirroring the public one (LMQ-TOKEN-2):
 * {@link #applyToken ApplyToken(InstanceId, Resources, Actions, ExpireTime)},
 * {@link #queryToken QueryToken(InstanceId, Token)}, {@link #revokeToken RevokeToken(InstanceId, Token)}.
 * <ul>
 *   <li>Resources: comma-separated MQTT topic filters ({@code +}/{@code #} allowed), at most 100
 *       (configurable); blanks around commas are ignored, duplicates collapse.</li>
 *   <li>Actions: {@code R}, {@code W} or {@code R,W}.</li>
 *   <li>ExpireTime: absolute ms. Less than 60 s away (configurable) is refused (Decision); more
 *       than 30 days away (configurable) succeeds but the token lives 30 days (LMQ-TOKEN-1).</li>
 * </ul>
 * Tokens are 256 random bits from {@link SecureRandom}, Base64url without padding (no {@code |},
 * so they fit the token-mode password). Revocation and expiry are pushed to
 * {@link TokenListener}s; expiry is detected by {@link #sweepExpired()}, which the broker runs
 * periodically and after the test clock advances. Thread-safe.
 */
public final class TokenService {

    public static final String RULE_VALIDITY = "LMQ-TOKEN-1";
    public static final String RULE_API = "LMQ-TOKEN-2";

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    private static final int TOKEN_BYTES = 32;

    private final String instanceId;
    private final BrokerClock clock;
    private final long maxValidityMillis;
    private final long minDistanceMillis;
    private final int maxResources;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, TokenRecord> tokens = new ConcurrentHashMap<>();
    private final List<TokenListener> listeners = new CopyOnWriteArrayList<>();

    public TokenService(String instanceId, LmqLimits limits, BrokerClock clock) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxValidityMillis = limits.tokenMaxValidity().toMillis();
        this.minDistanceMillis = limits.tokenMinExpireDistance().toMillis();
        this.maxResources = limits.maxTokenResources();
    }

    public ApplyTokenResult applyToken(String instanceId, String resources, String actions, long expireTimeMillis) {
        if (!this.instanceId.equals(instanceId)) {
            return ApplyTokenResult.error("InvalidParameter.InstanceId", "unknown instance '" + instanceId + "'");
        }
        Optional<Set<TokenAction>> parsedActions = TokenAction.parseActions(actions);
        if (parsedActions.isEmpty()) {
            return ApplyTokenResult.error("InvalidParameter.Actions",
                    "Actions must be R, W or R,W, was '" + actions + "'");
        }
        if (resources == null || resources.isBlank()) {
            return ApplyTokenResult.error("InvalidParameter.Resources", "Resources must list at least one topic");
        }
        String[] items = resources.split(",", -1);
        if (items.length > maxResources) {
            return ApplyTokenResult.error("InvalidParameter.Resources",
                    "Resources lists " + items.length + " topics; at most " + maxResources);
        }
        Set<String> filters = new LinkedHashSet<>();
        for (String item : items) {
            String filter = item.strip();
            if (!TopicFilters.isValidFilter(filter)) {
                return ApplyTokenResult.error("InvalidParameter.Resources",
                        "'" + filter + "' is not a valid topic or topic filter");
            }
            filters.add(filter);
        }
        long now = clock.nowMillis();
        if (expireTimeMillis - now < minDistanceMillis) {
            return ApplyTokenResult.error("InvalidParameter.ExpireTime", "ExpireTime " + expireTimeMillis
                    + " is less than " + minDistanceMillis / 1000 + " s after now (" + now + "); it is an absolute ms timestamp");
        }
        long cap = now + maxValidityMillis;
        boolean capped = expireTimeMillis > cap;
        TokenRecord record = new TokenRecord(newToken(), instanceId, new ArrayList<>(filters), parsedActions.get(),
                now, capped ? cap : expireTimeMillis, false);
        tokens.put(record.token(), record);
        return ApplyTokenResult.issued(record, capped);
    }

    public QueryTokenResult queryToken(String instanceId, String token) {
        Optional<TokenRecord> record = find(instanceId, token);
        if (record.isEmpty()) {
            return new QueryTokenResult(false, TokenStatus.UNKNOWN, null);
        }
        TokenStatus status = record.get().statusAt(clock.nowMillis());
        return new QueryTokenResult(status == TokenStatus.VALID, status, record.get());
    }

    /** Ends a valid token at once and tells the listeners. */
    public RevokeTokenResult revokeToken(String instanceId, String token) {
        TokenRecord[] revoked = new TokenRecord[1];
        TokenStatus[] before = {TokenStatus.UNKNOWN};
        if (token != null && this.instanceId.equals(instanceId)) {
            long now = clock.nowMillis();
            tokens.computeIfPresent(token, (k, r) -> {
                before[0] = r.statusAt(now);
                if (before[0] != TokenStatus.VALID) {
                    return r;
                }
                revoked[0] = r.asRevoked();
                return revoked[0];
            });
        }
        if (revoked[0] == null) {
            return switch (before[0]) {
                case REVOKED -> RevokeTokenResult.error("Token.Revoked", "token already revoked");
                case EXPIRED -> RevokeTokenResult.error("Token.Expired", "token already expired");
                default -> RevokeTokenResult.error("Token.NotFound", "no such token on instance '" + instanceId + "'");
            };
        }
        notifyListeners(revoked[0], TokenListener.Reason.REVOKED);
        return RevokeTokenResult.ok();
    }

    /** The record of a token of this instance, whatever its status. */
    public Optional<TokenRecord> find(String instanceId, String token) {
        if (token == null || !this.instanceId.equals(instanceId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(tokens.get(token));
    }

    /**
     * Drops every token past its expiry, telling listeners about those that were still valid
     * (revoked ones were announced already). @return how many expired tokens were announced
     */
    public int sweepExpired() {
        long now = clock.nowMillis();
        int announced = 0;
        for (TokenRecord r : tokens.values()) {
            if (now >= r.expireTimeMillis() && tokens.remove(r.token(), r)) {
                if (!r.revoked()) {
                    announced++;
                    notifyListeners(r, TokenListener.Reason.EXPIRED);
                }
            }
        }
        return announced;
    }

    /** Tokens held, of any status not yet swept. */
    public int size() {
        return tokens.size();
    }

    public void addListener(TokenListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(TokenListener listener) {
        listeners.remove(listener);
    }

    private void notifyListeners(TokenRecord record, TokenListener.Reason reason) {
        for (TokenListener l : listeners) {
            try {
                l.tokenEnded(record.instanceId(), record.token(), reason);
            } catch (RuntimeException e) {
                // One faulty listener must not stop the others from disconnecting their clients.
                LOG.warn("token listener {} failed for {} token", l, reason, e);
            }
        }
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
