package dev.lmqharness.broker.auth;

import dev.lmqharness.broker.clock.BrokerClock;
import dev.lmqharness.broker.rules.MqttCodes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * LMQ-AUTH-2, token mode: username {@code Token|<AccessKey>|<InstanceId>}, password of up to
 * three parts joined by {@code |}: {@code R|<token>}, {@code W|<token>}, {@code RW|<token>}, in any
 * order, each at most once (so {@code R|<t1>|W|<t2>} or {@code RW|<t>}; either part may be absent).
 *
 * <p>A part grants the actions it names that its token holds: R = subscribe within the token's
 * resources, W = publish to topics they match. Answers (Decision: 0x04 or 0x05):
 * <ul>
 *   <li>0x04 bad user name or password: malformed username or password, unknown AccessKey,
 *       another instance, unknown token — the credentials cannot be verified;</li>
 *   <li>0x05 not authorised: a known token that expired or was revoked, or a part whose token
 *       holds none of the actions the part names.</li>
 * </ul>
 */
public final class TokenAuthenticator {

    public static final String RULE = "LMQ-AUTH-2";
    private static final int MAX_PARTS = 3;

    private final String instanceId;
    private final SecretKeys keys;
    private final TokenService tokens;
    private final BrokerClock clock;

    public TokenAuthenticator(String instanceId, SecretKeys keys, TokenService tokens, BrokerClock clock) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private record Part(Set<TokenAction> actions, String token) {
    }

    public AuthResult authenticate(String username, byte[] password) {
        Optional<ModeUsername> user = ModeUsername.parse(username, ModeUsername.TOKEN);
        if (user.isEmpty()) {
            return refuse(MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD, "username must be Token|<AccessKey>|<InstanceId>");
        }
        if (!user.get().instanceId().equals(instanceId)) {
            return refuse(MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD, "unknown instance '" + user.get().instanceId() + "'");
        }
        if (keys.secretKeyOf(user.get().accessKey()).isEmpty()) {
            return refuse(MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD, "unknown AccessKey '" + user.get().accessKey() + "'");
        }
        Optional<List<Part>> parts = parsePassword(password);
        if (parts.isEmpty()) {
            return refuse(MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD,
                    "password must be up to three of R|<token>, W|<token>, RW|<token> joined by '|'");
        }
        long now = clock.nowMillis();
        Set<String> read = new LinkedHashSet<>();
        Set<String> write = new LinkedHashSet<>();
        List<String> used = new ArrayList<>();
        for (Part part : parts.get()) {
            Optional<TokenRecord> record = tokens.find(instanceId, part.token());
            if (record.isEmpty()) {
                return refuse(MqttCodes.CONNACK_BAD_USERNAME_OR_PASSWORD, "unknown token");
            }
            TokenStatus status = record.get().statusAt(now);
            if (status != TokenStatus.VALID) {
                return refuse(MqttCodes.CONNACK_NOT_AUTHORIZED, "token " + status.name().toLowerCase(java.util.Locale.ROOT));
            }
            Set<TokenAction> granted = EnumSet.copyOf(part.actions());
            granted.retainAll(record.get().actions());
            if (granted.isEmpty()) {
                return refuse(MqttCodes.CONNACK_NOT_AUTHORIZED, "token given for " + part.actions()
                        + " grants only " + record.get().actions());
            }
            if (granted.contains(TokenAction.R)) {
                read.addAll(record.get().resources());
            }
            if (granted.contains(TokenAction.W)) {
                write.addAll(record.get().resources());
            }
            used.add(part.token());
        }
        return AuthResult.accept(AuthMode.TOKEN, Permissions.of(read, write), used).withAccessKey(user.get().accessKey());
    }

    private static Optional<List<Part>> parsePassword(byte[] password) {
        if (password == null || password.length == 0) {
            return Optional.empty();
        }
        String[] segments = new String(password, StandardCharsets.UTF_8).split("\\|", -1);
        if (segments.length % 2 != 0 || segments.length > 2 * MAX_PARTS) {
            return Optional.empty();
        }
        List<Part> parts = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < segments.length; i += 2) {
            String key = segments[i];
            String token = segments[i + 1];
            Set<TokenAction> actions = switch (key) {
                case "R" -> EnumSet.of(TokenAction.R);
                case "W" -> EnumSet.of(TokenAction.W);
                case "RW" -> EnumSet.of(TokenAction.R, TokenAction.W);
                default -> null;
            };
            if (actions == null || token.isEmpty() || !keys.add(key)) {
                return Optional.empty();
            }
            parts.add(new Part(actions, token));
        }
        return Optional.of(parts);
    }

    private static AuthResult refuse(int code, String reason) {
        return AuthResult.refuse(AuthMode.TOKEN, RULE, code, reason);
    }
}
