package dev.lmqharness.broker.lmq;

import dev.lmqharness.broker.auth.ApplyTokenResult;
import dev.lmqharness.broker.auth.QueryTokenResult;
import dev.lmqharness.broker.auth.TokenStatus;
import dev.lmqharness.broker.auth.TokenService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.lmqharness.broker.lmq.LmqTestBroker.AK;
import static dev.lmqharness.broker.lmq.LmqTestBroker.PARENT;
import static dev.lmqharness.broker.lmq.LmqTestBroker.SK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token API against a running broker and its live connections: LMQ-TOKEN-1 (a longer
 * ExpireTime is accepted but capped at 30 days) and LMQ-TOKEN-2 (ApplyToken / QueryToken /
 * RevokeToken; revocation and expiry disconnect live connections, per the Decision). A fresh
 * broker per test, since tests move its clock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LmqTokenTest {

    private static final long DAY = Duration.ofDays(1).toMillis();

    private LmqTestBroker broker;

    @BeforeEach
    void start() {
        broker = LmqTestBroker.builder().anonymousAllowed(false).start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private TokenService tokens() {
        return broker.admin().tokens();
    }

    private String instance() {
        return broker.instanceId();
    }

    private TestMqttClient connectWithToken(ClientKind kind, String token) {
        return broker.connected(kind, ConnectSpec.of(LmqTestBroker.newClientId())
                .credentials(Credentials.tokenUser(AK, instance()), "RW|" + token));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-TOKEN-1: an ExpireTime 40 days away succeeds without error, QueryToken shows 30 days, the connection ends at 30 days")
    void thirtyDayCap(ClientKind kind) {
        long now = broker.admin().now();
        ApplyTokenResult r = tokens().applyToken(instance(), PARENT + "/#", "R,W", now + 40 * DAY);
        assertThat(r.success()).isTrue();
        assertThat(r.errorCode()).isNull();

        QueryTokenResult q = tokens().queryToken(instance(), r.token());
        assertThat(q.valid()).isTrue();
        assertThat(q.record().expireTimeMillis()).isEqualTo(now + 30 * DAY);

        try (TestMqttClient c = connectWithToken(kind, r.token())) {
            broker.advance(Duration.ofDays(30).minusMillis(1));
            assertThat(tokens().queryToken(instance(), r.token()).valid()).isTrue();
            assertThat(c.isConnected()).as("still valid 1 ms before 30 days").isTrue();

            broker.advance(Duration.ofMillis(1));
            assertThat(tokens().queryToken(instance(), r.token()).valid()).isFalse();
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !c.isConnected());
        }
        try (TestMqttClient again = kind.create(broker.tcp())) {
            assertThat(again.connect(ConnectSpec.of(LmqTestBroker.newClientId())
                    .credentials(Credentials.tokenUser(AK, instance()), "RW|" + r.token())).returnCode()).isIn(4, 5);
        }
    }

    @Test
    @DisplayName("LMQ-TOKEN-1: the maximum validity is configurable (1 day here)")
    void configuredCap() {
        try (LmqTestBroker oneDay = LmqTestBroker.builder()
                .limits(l -> l.withTokenValidity(Duration.ofDays(1), Duration.ofSeconds(60))).start()) {
            long now = oneDay.admin().now();
            ApplyTokenResult r = oneDay.admin().tokens().applyToken(oneDay.instanceId(), PARENT + "/#", "R", now + 2 * DAY);
            assertThat(r.success()).isTrue();
            assertThat(oneDay.admin().tokens().queryToken(oneDay.instanceId(), r.token()).record().expireTimeMillis())
                    .isEqualTo(now + DAY);
        }
    }

    @Test
    @DisplayName("LMQ-TOKEN-2: ApplyToken checks Actions (R, W, R,W), Resources (at most 100, wildcards allowed), ExpireTime (>= 60 s away) and the instance")
    void applyTokenParameters() {
        long now = broker.admin().now();
        long hour = now + 3_600_000L;
        for (String actions : new String[] {"R", "W", "R,W"}) {
            assertThat(tokens().applyToken(instance(), PARENT + "/#", actions, hour).success()).as(actions).isTrue();
        }
        assertThat(tokens().applyToken(instance(), PARENT + "/#", "X", hour).errorCode()).isEqualTo("InvalidParameter.Actions");
        assertThat(tokens().applyToken(instance(), PARENT + "/+/x," + PARENT + "/a/#", "R", hour).success()).isTrue();

        String hundred = IntStream.range(0, 100).mapToObj(i -> PARENT + "/r" + i).collect(Collectors.joining(","));
        assertThat(tokens().applyToken(instance(), hundred, "R", hour).success()).as("100 resources").isTrue();
        assertThat(tokens().applyToken(instance(), hundred + "," + PARENT + "/one-more", "R", hour).errorCode())
                .as("101 resources").isEqualTo("InvalidParameter.Resources");

        assertThat(tokens().applyToken(instance(), PARENT + "/#", "R", now + 59_999).errorCode())
                .as("ExpireTime under 60 s away").isEqualTo("InvalidParameter.ExpireTime");
        assertThat(tokens().applyToken(instance(), PARENT + "/#", "R", now + 60_000).success()).as("60 s away").isTrue();
        assertThat(tokens().applyToken("other-instance", PARENT + "/#", "R", hour).success()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-TOKEN-2: RevokeToken ends the token at once: QueryToken says revoked and its live connections are disconnected")
    void revokeDisconnects(ClientKind kind) {
        String t = tokens().applyToken(instance(), PARENT + "/#", "R,W", broker.admin().now() + DAY).token();
        String other = tokens().applyToken(instance(), PARENT + "/#", "R,W", broker.admin().now() + DAY).token();
        try (TestMqttClient a = connectWithToken(kind, t);
             TestMqttClient b = connectWithToken(kind, t);
             TestMqttClient unaffected = connectWithToken(kind, other);
             TestMqttClient signed = broker.connected(kind, Credentials.signed(
                     ConnectSpec.of(LmqTestBroker.newClientId()), AK, SK, instance()))) {
            assertThat(tokens().revokeToken(instance(), t).success()).isTrue();
            QueryTokenResult q = tokens().queryToken(instance(), t);
            assertThat(q.valid()).isFalse();
            assertThat(q.status()).isEqualTo(TokenStatus.REVOKED);
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !a.isConnected() && !b.isConnected());
            assertThat(unaffected.isConnected()).as("a connection on another token").isTrue();
            assertThat(signed.isConnected()).as("a signature connection").isTrue();
            assertThat(tokens().revokeToken(instance(), t).success()).as("revoking twice").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("LMQ-TOKEN-2: a token reaching its ExpireTime (clock advanced, sweep) disconnects its live connections")
    void expiryDisconnects(ClientKind kind) {
        long now = broker.admin().now();
        String t = tokens().applyToken(instance(), PARENT + "/#", "R,W", now + 120_000).token();
        try (TestMqttClient c = connectWithToken(kind, t)) {
            broker.advance(Duration.ofSeconds(119));
            assertThat(c.isConnected()).isTrue();
            broker.advance(Duration.ofSeconds(1));
            Waits.atMost(Duration.ofSeconds(5)).until(() -> !c.isConnected());
            assertThat(tokens().queryToken(instance(), t).valid()).isFalse();
        }
    }
}
