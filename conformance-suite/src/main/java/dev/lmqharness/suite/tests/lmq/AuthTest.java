package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.suite.app.AppClient;
import dev.lmqharness.suite.app.AppConnectOptions;
import dev.lmqharness.suite.app.ClientKind;
import dev.lmqharness.suite.app.ConnectOutcome;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.suite.junit.Requires;
import dev.lmqharness.suite.junit.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.suite.target.AuthMode;
import dev.lmqharness.suite.target.Capability;
import dev.lmqharness.suite.target.Credentials;
import dev.lmqharness.suite.target.Limits;
import dev.lmqharness.suite.target.TargetAdmin;
import dev.lmqharness.suite.target.TargetConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.suite.tests.support.LmqChecks.publishMayBeRefused;
import static dev.lmqharness.suite.tests.support.LmqChecks.subscriptionRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signature and token authentication, the token API (LMQ-AUTH-1, LMQ-AUTH-2, LMQ-TOKEN-1, LMQ-TOKEN-2). */
@ConformanceTest(area = "auth")
class AuthTest {

    private static void requireAuth(SuiteContext ctx, AuthMode mode) {
        TargetConfig c = ctx.target().config();
        if (c.auth() != mode) {
            ctx.skip("the target's auth mode is " + c.auth().key() + "; this rule needs lmq.auth=" + mode.key());
        }
    }

    private static ConnectOutcome connectWith(SuiteContext ctx, ClientKind kind, Credentials cr) {
        AppClient c = ctx.app(kind);
        return c.connect(new AppConnectOptions(true, 60, cr, null));
    }

    private static void assertRefusedAsAuthFailure(ConnectOutcome o, String what) {
        assertThat(o.accepted()).as("%s was accepted", what).isFalse();
        assertThat(o.returnCode()).as("CONNACK return code for %s (0x04 or 0x05)", what).isIn(0x04, 0x05);
    }

    @BothClients
    @Rule("LMQ-AUTH-1")
    void signatureModeAcceptsTheRightSignatureOnly(ClientKind kind, SuiteContext ctx) {
        requireAuth(ctx, AuthMode.SIGNATURE);
        TargetConfig c = ctx.target().config();
        AppClient good = ctx.app(kind);
        assertThat(ctx.connect(good, true).accepted()).isTrue();

        String user = "Signature|" + c.accessKey() + "|" + c.instanceId();
        String id = ctx.clientId();
        AppClient wrongKey = ctx.app(kind, id);
        ConnectOutcome o1 = wrongKey.connect(new AppConnectOptions(true, 60,
                new Credentials(user, utf8(Credentials.signature(c.secretKey() + "x", id))), null));
        assertRefusedAsAuthFailure(o1, "a signature made with the wrong SecretKey");
        AppClient otherId = ctx.app(kind);
        ConnectOutcome o2 = otherId.connect(new AppConnectOptions(true, 60,
                new Credentials(user, utf8(Credentials.signature(c.secretKey(), otherId.clientId() + "x"))), null));
        assertRefusedAsAuthFailure(o2, "a signature of another client ID");
    }

    @BothClients
    @Rule("LMQ-AUTH-2")
    void tokenModeAcceptsAValidTokenOnly(ClientKind kind, SuiteContext ctx) {
        requireAuth(ctx, AuthMode.TOKEN);
        TargetConfig c = ctx.target().config();
        AppClient good = ctx.app(kind);
        assertThat(ctx.connect(good, true).accepted()).isTrue();
        ConnectOutcome bad = connectWith(ctx, kind, new Credentials("Token|" + c.accessKey() + "|" + c.instanceId(),
                utf8("RW|not-a-token-" + ctx.target().naming().namespace())));
        assertRefusedAsAuthFailure(bad, "an unknown token");
    }

    @BothClients
    @Rule("LMQ-AUTH-2")
    @Requires(Capability.ADMIN_API)
    void tokenActionsGrantPublishAndSubscribe(ClientKind kind, SuiteContext ctx) {
        TargetAdmin admin = ctx.admin();
        TargetConfig c = ctx.target().config();
        String user = "Token|" + c.accessKey() + "|" + c.instanceId();
        String topic = ctx.topics().topic("tok");
        Instant expire = Instant.now().plus(Duration.ofHours(1));
        String writeOnly = admin.applyToken(List.of(topic), "W", expire);
        String readOnly = admin.applyToken(List.of(topic), "R", expire);

        AppClient reader = ctx.app(kind);
        assertThat(reader.connect(new AppConnectOptions(true, 60, new Credentials(user, utf8("R|" + readOnly)), null)).accepted()).isTrue();
        assertThat(reader.subscribe(topic, 1)).as("subscribing with an R token").containsExactly(1);
        AppClient writer = ctx.app(kind);
        assertThat(writer.connect(new AppConnectOptions(true, 60, new Credentials(user, utf8("W|" + writeOnly)), null)).accepted()).isTrue();
        assertThat(subscriptionRefused(writer, topic, 1)).as("subscribing with a W-only token").isTrue();
        AppClient writer2 = ctx.app(kind);
        assertThat(writer2.connect(new AppConnectOptions(true, 60, new Credentials(user, utf8("W|" + writeOnly)), null)).accepted()).isTrue();
        writer2.publish(topic, utf8("written"), 1, false);
        assertThat(message(reader, ctx).text()).isEqualTo("written");
        AppClient reader2 = ctx.app(kind);
        assertThat(reader2.connect(new AppConnectOptions(true, 60, new Credentials(user, utf8("R|" + readOnly)), null)).accepted()).isTrue();
        publishMayBeRefused(ctx, reader2, topic, utf8("not-allowed"), 1);
        writer2.publish(topic, utf8("marker"), 1, false);
        assertThat(payloadsBefore(reader, ctx, "marker")).as("a message published with an R-only token").isEmpty();
    }

    @Test
    @Rule("LMQ-TOKEN-1")
    @Requires(Capability.ADMIN_API)
    void tokenValidityIsCappedWithoutError(SuiteContext ctx) {
        TargetAdmin admin = ctx.admin();
        Duration cap = Duration.ofSeconds(ctx.limits().get(Limits.Name.TOKEN_MAX_VALIDITY_SECONDS));
        Instant asked = Instant.now().plus(cap).plus(Duration.ofDays(10));
        String token = admin.applyToken(List.of(ctx.topics().all()), "R,W", asked);
        try {
            TargetAdmin.TokenStatus s = admin.queryToken(token);
            assertThat(s.valid()).isTrue();
            assertThat(s.expireTime()).as("expiry of a token asked for %s", asked)
                    .isBeforeOrEqualTo(Instant.now().plus(cap).plusSeconds(60));
        } finally {
            admin.revokeToken(token);
        }
    }

    @Test
    @Rule("LMQ-TOKEN-2")
    @Requires(Capability.ADMIN_API)
    void tokenCanBeAppliedQueriedAndRevoked(SuiteContext ctx) {
        TargetAdmin admin = ctx.admin();
        TargetConfig c = ctx.target().config();
        assertThatThrownBy(() -> admin.applyToken(List.of(ctx.topics().all()), "R,W", Instant.now().plusSeconds(30)))
                .as("a token expiring in less than 60 s").isInstanceOf(TargetAdmin.AdminException.class);
        String token = admin.applyToken(List.of(ctx.topics().all()), "R,W", Instant.now().plus(Duration.ofHours(1)));
        assertThat(admin.queryToken(token).valid()).isTrue();
        AppClient c1 = ctx.app(ClientKind.PAHO);
        assertThat(c1.connect(new AppConnectOptions(true, 60,
                new Credentials("Token|" + c.accessKey() + "|" + c.instanceId(), utf8("RW|" + token)), null)).accepted()).isTrue();
        admin.revokeToken(token);
        assertThat(admin.queryToken(token).valid()).as("a revoked token").isFalse();
        assertThat(c1.awaitConnectionLost(ctx.timeout())).as("a connection whose token was revoked is disconnected").isTrue();
    }
}
