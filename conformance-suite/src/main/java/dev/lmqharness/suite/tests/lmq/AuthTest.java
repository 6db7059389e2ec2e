package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.AppConnectOptions;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.client.ConnectOutcome;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.suite.junit.Requires;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.suite.broker.AuthMode;
import dev.lmqharness.suite.broker.Capability;
import dev.lmqharness.kit.auth.Credentials;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.suite.broker.Limits;
import dev.lmqharness.suite.broker.TargetAdmin;
import dev.lmqharness.suite.broker.TargetConfig;
import dev.lmqharness.kit.wire.ConnectSpec;
import dev.lmqharness.kit.wire.RawMqttClient;
import dev.lmqharness.kit.wire.Will;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.payloadsBefore;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.suite.tests.support.LmqChecks.assertWillDeliveredToNoOne;
import static dev.lmqharness.suite.tests.support.LmqChecks.publishMayBeRefused;
import static dev.lmqharness.suite.tests.support.LmqChecks.subscriptionRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signature and token authentication, the token API (LMQ-AUTH-1, LMQ-AUTH-2, LMQ-TOKEN-1, LMQ-TOKEN-2). */
@ConformanceTest(area = "auth")
class AuthTest {

    /** The signature credentials of the run (configured, or made by the bundled broker); skips without them. */
    private static TargetConfig signatureKeys(SuiteContext ctx) {
        TargetConfig c = ctx.target().config();
        if (c.accessKey() == null || c.secretKey() == null || c.instanceId() == null) {
            ctx.skip("signature credentials needed: set lmq.accessKey, lmq.secretKey and lmq.instanceId");
        }
        return c;
    }

    /** {@code Token|<AccessKey>|<InstanceId>}; skips without an access key and instance ID. */
    private static String tokenUser(SuiteContext ctx) {
        TargetConfig c = ctx.target().config();
        if (c.accessKey() == null || c.instanceId() == null) {
            ctx.skip("token mode needs lmq.accessKey and lmq.instanceId for the user name");
        }
        return "Token|" + c.accessKey() + "|" + c.instanceId();
    }

    private static UserPass signed(TargetConfig c, String clientId, String secretKey, String signedId) {
        return new UserPass("Signature|" + c.accessKey() + "|" + c.instanceId(), utf8(Credentials.Signature.sign(secretKey, signedId)));
    }

    private static ConnectOutcome connectWith(SuiteContext ctx, ClientKind kind, UserPass cr) {
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
        TargetConfig c = signatureKeys(ctx);
        AppClient good = ctx.app(kind);
        ConnectOutcome ok = good.connect(new AppConnectOptions(true, 60, signed(c, good.clientId(), c.secretKey(), good.clientId()), null));
        assertThat(ok.accepted()).as("the right signature: %s", ok).isTrue();

        AppClient wrongKey = ctx.app(kind);
        ConnectOutcome o1 = wrongKey.connect(new AppConnectOptions(true, 60,
                signed(c, wrongKey.clientId(), c.secretKey() + "x", wrongKey.clientId()), null));
        assertRefusedAsAuthFailure(o1, "a signature made with the wrong SecretKey");
        AppClient otherId = ctx.app(kind);
        ConnectOutcome o2 = otherId.connect(new AppConnectOptions(true, 60,
                signed(c, otherId.clientId(), c.secretKey(), otherId.clientId() + "x"), null));
        assertRefusedAsAuthFailure(o2, "a signature of another client ID");
    }

    /** A token for the test's topics: from the admin API where there is one, else the configured token. */
    private static String runToken(SuiteContext ctx) {
        if (ctx.target().admin().isPresent()) {
            TargetAdmin admin = ctx.admin();
            return "RW|" + admin.applyToken(List.of(ctx.topics().all()), "R,W", admin.now().plus(Duration.ofHours(1)));
        }
        TargetConfig c = ctx.target().config();
        if (c.auth() != AuthMode.TOKEN) {
            ctx.skip("no token to test with: set lmq.adminUrl (the suite applies for one) or lmq.auth=token with lmq.token");
        }
        return Credentials.tokenPassword(c.token());
    }

    @BothClients
    @Rule("LMQ-AUTH-2")
    void tokenModeAcceptsAValidTokenOnly(ClientKind kind, SuiteContext ctx) {
        String user = tokenUser(ctx);
        String token = runToken(ctx);
        ConnectOutcome ok = connectWith(ctx, kind, new UserPass(user, utf8(token)));
        assertThat(ok.accepted()).as("a valid token: %s", ok).isTrue();
        ConnectOutcome bad = connectWith(ctx, kind, new UserPass(user, utf8("RW|not-a-token-" + ctx.target().naming().namespace())));
        assertRefusedAsAuthFailure(bad, "an unknown token");
    }

    @Test
    @Rule("LMQ-AUTH-2")
    @Requires({Capability.ADMIN_API, Capability.CLOCK_CONTROL})
    void expiredTokenIsRefusedAndItsConnectionClosed(SuiteContext ctx) {
        String user = tokenUser(ctx);
        TargetAdmin admin = ctx.admin();
        Instant expiry = admin.now().plus(Duration.ofMinutes(2));
        String token = "RW|" + admin.applyToken(List.of(ctx.topics().all()), "R,W", expiry);
        AppClient live = ctx.app(ClientKind.PAHO);
        assertThat(live.connect(new AppConnectOptions(true, 60, new UserPass(user, utf8(token)), null)).accepted())
                .as("a token valid for 2 more minutes").isTrue();
        ctx.clock().advance(Duration.ofMinutes(3));
        assertThat(live.awaitConnectionLost(ctx.timeout())).as("a connection whose token expired is disconnected").isTrue();
        assertRefusedAsAuthFailure(connectWith(ctx, ClientKind.PAHO, new UserPass(user, utf8(token))), "an expired token");
    }

    @BothClients
    @Rule({"LMQ-AUTH-2", "MQTT-3.3.5-2"})
    @Requires(Capability.ADMIN_API)
    void tokenActionsGrantPublishAndSubscribe(ClientKind kind, SuiteContext ctx) {
        TargetAdmin admin = ctx.admin();
        String user = tokenUser(ctx);
        String topic = ctx.topics().topic("tok");
        Instant expire = admin.now().plus(Duration.ofHours(1));
        String writeOnly = admin.applyToken(List.of(topic), "W", expire);
        String readOnly = admin.applyToken(List.of(topic), "R", expire);

        AppClient reader = ctx.app(kind);
        assertThat(reader.connect(new AppConnectOptions(true, 60, new UserPass(user, utf8("R|" + readOnly)), null)).accepted()).isTrue();
        int qos = ctx.deliveryQos();
        assertThat(reader.subscribe(topic, qos)).as("subscribing with an R token").containsExactly(qos);
        AppClient writer = ctx.app(kind);
        assertThat(writer.connect(new AppConnectOptions(true, 60, new UserPass(user, utf8("W|" + writeOnly)), null)).accepted()).isTrue();
        assertThat(subscriptionRefused(writer, topic, qos)).as("subscribing with a W-only token").isTrue();
        AppClient writer2 = ctx.app(kind);
        assertThat(writer2.connect(new AppConnectOptions(true, 60, new UserPass(user, utf8("W|" + writeOnly)), null)).accepted()).isTrue();
        writer2.publish(topic, utf8("written"), qos, false);
        assertThat(message(reader, ctx).text()).isEqualTo("written");
        AppClient reader2 = ctx.app(kind);
        assertThat(reader2.connect(new AppConnectOptions(true, 60, new UserPass(user, utf8("R|" + readOnly)), null)).accepted()).isTrue();
        publishMayBeRefused(ctx, reader2, topic, utf8("not-allowed"), qos);
        writer2.publish(topic, utf8("marker"), qos, false);
        assertThat(payloadsBefore(reader, ctx, "marker")).as("a message published with an R-only token").isEmpty();
    }

    @Test
    @Rule("LMQ-TOKEN-1")
    @Requires(Capability.ADMIN_API)
    void tokenValidityIsCappedWithoutError(SuiteContext ctx) {
        TargetAdmin admin = ctx.admin();
        Duration cap = Duration.ofSeconds(ctx.limits().get(Limits.Name.TOKEN_MAX_VALIDITY_SECONDS));
        Instant asked = admin.now().plus(cap).plus(Duration.ofDays(10));
        String token = admin.applyToken(List.of(ctx.topics().all()), "R,W", asked);
        try {
            TargetAdmin.TokenStatus s = admin.queryToken(token);
            assertThat(s.valid()).isTrue();
            assertThat(s.expireTime()).as("expiry of a token asked for %s", asked)
                    .isBeforeOrEqualTo(admin.now().plus(cap).plusSeconds(60));
        } finally {
            admin.revokeToken(token);
        }
    }

    @Test
    @Rule("LMQ-TOKEN-2")
    @Requires(Capability.ADMIN_API)
    void tokenCanBeAppliedQueriedAndRevoked(SuiteContext ctx) {
        TargetAdmin admin = ctx.admin();
        String user = tokenUser(ctx);
        assertThatThrownBy(() -> admin.applyToken(List.of(ctx.topics().all()), "R,W", admin.now().plusSeconds(30)))
                .as("a token expiring in less than 60 s").isInstanceOf(TargetAdmin.AdminException.class);
        String token = admin.applyToken(List.of(ctx.topics().all()), "R,W", admin.now().plus(Duration.ofHours(1)));
        assertThat(admin.queryToken(token).valid()).isTrue();
        String other = admin.applyToken(List.of(ctx.topics().all()), "R,W", admin.now().plus(Duration.ofHours(1)));
        try {
            AppClient c1 = ctx.app(ClientKind.PAHO);
            assertThat(c1.connect(new AppConnectOptions(true, 60,
                    new UserPass(user, utf8("RW|" + token)), null)).accepted()).isTrue();
            AppClient bystander = ctx.app(ClientKind.PAHO);
            assertThat(bystander.connect(new AppConnectOptions(true, 60,
                    new UserPass(user, utf8("RW|" + other)), null)).accepted()).as("a connection on another token").isTrue();
            admin.revokeToken(token);
            assertThat(admin.queryToken(token).valid()).as("a revoked token").isFalse();
            assertThat(c1.awaitConnectionLost(ctx.timeout())).as("a connection whose token was revoked is disconnected").isTrue();
            assertRefusedAsAuthFailure(connectWith(ctx, ClientKind.PAHO, new UserPass(user, utf8("RW|" + token))), "a revoked token");
            // Revoking one token ends only its connections: the other token's client still works.
            String topic = ctx.topics().topic("after-revoke");
            int qos = ctx.deliveryQos();
            assertThat(bystander.subscribe(topic, qos)).as("subscribing on another token after a revocation").containsExactly(qos);
            bystander.publish(topic, utf8("unaffected"), qos, false);
            assertThat(message(bystander, ctx).text()).isEqualTo("unaffected");
            assertThat(bystander.isConnected()).as("a connection on another token after a revocation").isTrue();
        } finally {
            admin.revokeToken(other);
        }
    }

    @BothClients
    @Rule("LMQ-AUTH-1")
    void signatureForAnUnknownAccessKeyOrAnotherInstanceIsRefused(ClientKind kind, SuiteContext ctx) {
        TargetConfig c = signatureKeys(ctx);
        String ns = ctx.target().naming().namespace();
        AppClient unknownKey = ctx.app(kind);
        ConnectOutcome o1 = unknownKey.connect(new AppConnectOptions(true, 60, new UserPass("Signature|AKunknown" + ns + "|" + c.instanceId(),
                utf8(Credentials.Signature.sign(c.secretKey(), unknownKey.clientId()))), null));
        assertRefusedAsAuthFailure(o1, "a signature under an AccessKey the instance does not know");
        AppClient otherInstance = ctx.app(kind);
        ConnectOutcome o2 = otherInstance.connect(new AppConnectOptions(true, 60, new UserPass("Signature|" + c.accessKey() + "|other" + ns,
                utf8(Credentials.Signature.sign(c.secretKey(), otherInstance.clientId()))), null));
        assertRefusedAsAuthFailure(o2, "a signature naming another instance");
    }

    /** The password may carry an R token and a W token apart: {@code R|<t1>|W|<t2>} grants both actions. */
    @BothClients
    @Rule("LMQ-AUTH-2")
    @Requires(Capability.ADMIN_API)
    void passwordWithSeparateReadAndWriteTokensGrantsBoth(ClientKind kind, SuiteContext ctx) {
        TargetAdmin admin = ctx.admin();
        String user = tokenUser(ctx);
        String topic = ctx.topics().topic("rw");
        Instant expire = admin.now().plus(Duration.ofHours(1));
        String read = admin.applyToken(List.of(topic), "R", expire);
        String write = admin.applyToken(List.of(topic), "W", expire);
        AppClient c = ctx.app(kind);
        ConnectOutcome o = c.connect(new AppConnectOptions(true, 60, new UserPass(user, utf8("R|" + read + "|W|" + write)), null));
        assertThat(o.accepted()).as("password R|<R token>|W|<W token>: %s", o).isTrue();
        int qos = ctx.deliveryQos();
        assertThat(c.subscribe(topic, qos)).as("subscribing with the R part").containsExactly(qos);
        c.publish(topic, utf8("both-parts"), qos, false);
        assertThat(message(c, ctx).text()).as("a message published with the W part, received with the R part").isEqualTo("both-parts");
    }

    /** A token grants its actions on its resources only: outside them subscribing is refused and publishing reaches no one. */
    @BothClients
    @Rule({"LMQ-AUTH-2", "MQTT-3.3.5-2"})
    @Requires(Capability.ADMIN_API)
    void tokenActionsAreBoundToItsResources(ClientKind kind, SuiteContext ctx) {
        TargetAdmin admin = ctx.admin();
        String user = tokenUser(ctx);
        String inside = ctx.topics().topic("a", "x");
        String outside = ctx.topics().topic("b");
        String token = "RW|" + admin.applyToken(List.of(ctx.topics().topic("a", "#")), "R,W", admin.now().plus(Duration.ofHours(1)));
        int qos = ctx.deliveryQos();

        AppClient reader = ctx.app(kind);
        assertThat(reader.connect(new AppConnectOptions(true, 60, new UserPass(user, utf8(token)), null)).accepted()).isTrue();
        assertThat(reader.subscribe(inside, qos)).as("subscribing to %s with a token for %s", inside, ctx.topics().topic("a", "#"))
                .containsExactly(qos);
        AppClient outsider = ctx.app(kind);
        assertThat(outsider.connect(new AppConnectOptions(true, 60, new UserPass(user, utf8(token)), null)).accepted()).isTrue();
        assertThat(subscriptionRefused(outsider, outside, qos)).as("subscribing to %s, outside the token's resources", outside).isTrue();

        AppClient writer = ctx.app(kind);
        assertThat(writer.connect(new AppConnectOptions(true, 60, new UserPass(user, utf8(token)), null)).accepted()).isTrue();
        writer.publish(inside, utf8("inside"), qos, false);
        assertThat(message(reader, ctx).text()).isEqualTo("inside");

        AppClient watcher = ctx.appConnected(kind);     // the run's own credentials
        assertThat(watcher.subscribe(outside, qos)).containsExactly(qos);
        AppClient offender = ctx.app(kind);
        assertThat(offender.connect(new AppConnectOptions(true, 60, new UserPass(user, utf8(token)), null)).accepted()).isTrue();
        publishMayBeRefused(ctx, offender, outside, utf8("outside"), qos);
        ctx.appConnected(kind).publish(outside, utf8("marker"), qos, false);
        assertThat(payloadsBefore(watcher, ctx, "marker")).as("a message published to %s, outside the token's resources", outside).isEmpty();
    }

    /** A Will is published on the client's behalf, so it needs W on its topic like any PUBLISH. */
    @Test
    @Rule("LMQ-AUTH-2")
    @Requires(Capability.ADMIN_API)
    void willOfATokenClientNeedsWriteOnTheWillTopic(SuiteContext ctx) {
        TargetAdmin admin = ctx.admin();
        String user = tokenUser(ctx);
        String token = "RW|" + admin.applyToken(List.of(ctx.topics().topic("a", "#")), "R,W", admin.now().plus(Duration.ofHours(1)));
        String willTopic = ctx.topics().topic("b", "will");       // outside the token's resources
        String sentinel = ctx.topics().topic("a", "sentinel");    // inside: this Will must arrive
        int qos = ctx.deliveryQos();
        RawMqttClient watcher = ctx.rawConnected();
        watcher.subscribe(willTopic, qos, ctx.timeout());
        watcher.subscribe(sentinel, qos, ctx.timeout());
        ConnectSpec base = ctx.connectSpec().withCredentials(new UserPass(user, utf8(token)));
        assertWillDeliveredToNoOne(ctx, watcher, base, new Will(willTopic, utf8("no-W-will"), qos, false), sentinel);
    }

    /** ApplyToken checks its parameters: Actions are R, W or R,W; at most 100 Resources. */
    @Test
    @Rule("LMQ-TOKEN-2")
    @Requires(Capability.ADMIN_API)
    void applyTokenRefusesUnknownActionsAndMoreThan100Resources(SuiteContext ctx) {
        TargetAdmin admin = ctx.admin();
        Instant expire = admin.now().plus(Duration.ofHours(1));
        List<String> issued = new ArrayList<>();
        try {
            for (String actions : new String[] {"R", "W", "R,W"}) {
                issued.add(admin.applyToken(List.of(ctx.topics().all()), actions, expire));
            }
            assertThatThrownBy(() -> issued.add(admin.applyToken(List.of(ctx.topics().all()), "X", expire)))
                    .as("ApplyToken with Actions 'X'").isInstanceOf(TargetAdmin.AdminException.class);
            List<String> hundred = IntStream.range(0, 100).mapToObj(i -> ctx.topics().topic("r" + i)).toList();
            issued.add(admin.applyToken(hundred, "R", expire));
            List<String> more = new ArrayList<>(hundred);
            more.add(ctx.topics().topic("one-more"));
            assertThatThrownBy(() -> issued.add(admin.applyToken(more, "R", expire)))
                    .as("ApplyToken with 101 resources").isInstanceOf(TargetAdmin.AdminException.class);
        } finally {
            issued.forEach(admin::revokeToken);
        }
    }
}
