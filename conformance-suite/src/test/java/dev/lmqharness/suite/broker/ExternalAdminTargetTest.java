package dev.lmqharness.suite.broker;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.config.Transport;
import dev.lmqharness.broker.rules.LmqLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A target named by URL with {@code lmq.adminUrl} and {@code lmq.adminToken}: the suite finds the
 * admin API and, in test mode, the clock, reads the instance ID and limits from it, and talks to it
 * over real HTTP with the token.
 */
@Timeout(60)
class ExternalAdminTargetTest {

    private static ReferenceBroker broker(boolean testMode) {
        LmqConfig lmq = LmqConfig.defaults().withInstanceId("ext-inst").withGroups(List.of("GID_ext"))
                .withParentTopics(List.of("extparent")).withAnonymousAllowed(true)
                .withLimits(LmqLimits.defaults().withMaxSubscriptionsPerClient(7));
        ReferenceBroker.Builder b = ReferenceBroker.builder().tcpPort(0).inMemory().profile(Profile.LMQ).lmq(lmq).adminPort(0);
        return (testMode ? b.testMode() : b).build().start();
    }

    private static TargetConfig config(ReferenceBroker b, String... extra) {
        Map<String, String> m = new java.util.HashMap<>(Map.of(
                "lmq.url", "tcp://127.0.0.1:" + b.port(Transport.TCP),
                "lmq.adminUrl", "http://127.0.0.1:" + b.adminPort(),
                "lmq.adminToken", b.adminToken().orElseThrow(),
                "lmq.profile", "lmq", "lmq.groupId", "GID_ext", "lmq.parentTopic", "extparent"));
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return TargetConfig.from(m);
    }

    @Test
    void adminUrlGivesAdminApiClockInstanceAndLimits() {
        try (ReferenceBroker b = broker(true); Target t = Target.start(config(b))) {
            assertThat(t.has(Capability.ADMIN_API)).isTrue();
            assertThat(t.has(Capability.CLOCK_CONTROL)).isTrue();
            assertThat(t.config().instanceId()).isEqualTo("ext-inst");
            assertThat(t.limits().get(Limits.Name.SUBSCRIPTIONS_PER_CLIENT)).as("limit reported by the admin API").isEqualTo(7);

            TargetAdmin admin = t.admin().orElseThrow();
            Instant before = admin.now();
            t.clock().orElseThrow().advance(Duration.ofHours(5));
            assertThat(admin.now()).isEqualTo(before.plus(Duration.ofHours(5)));
            String token = admin.applyToken(List.of("extparent/#"), "R,W", admin.now().plus(Duration.ofHours(1)));
            assertThat(admin.queryToken(token).valid()).isTrue();
            admin.revokeToken(token);
            assertThat(admin.queryToken(token).valid()).isFalse();
            assertThatThrownBy(() -> admin.revokeToken(token)).isInstanceOf(TargetAdmin.AdminException.class);
        }
    }

    @Test
    void configuredLimitsWinOverReportedOnes() {
        try (ReferenceBroker b = broker(true); Target t = Target.start(config(b, "lmq.limit.subscriptionsPerClient", "5"))) {
            assertThat(t.limits().get(Limits.Name.SUBSCRIPTIONS_PER_CLIENT)).isEqualTo(5);
        }
    }

    @Test
    void withoutTestModeThereIsNoClock() {
        try (ReferenceBroker b = broker(false); Target t = Target.start(config(b))) {
            assertThat(t.has(Capability.ADMIN_API)).isTrue();
            assertThat(t.has(Capability.CLOCK_CONTROL)).isFalse();
            assertThat(t.lacks(Capability.CLOCK_CONTROL)).contains("not in test mode");
        }
        try (ReferenceBroker b = broker(false)) {
            assertThatThrownBy(() -> Target.start(config(b, "lmq.capabilities", "clock-control")))
                    .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("test mode");
        }
    }

    @Test
    void missingOrWrongAdminTokenStopsTheRun() {
        try (ReferenceBroker b = broker(false)) {
            Map<String, String> noToken = new java.util.HashMap<>(Map.of(
                    "lmq.url", "tcp://127.0.0.1:" + b.port(Transport.TCP), "lmq.adminUrl", "http://127.0.0.1:" + b.adminPort(),
                    "lmq.profile", "lmq", "lmq.groupId", "GID_ext", "lmq.parentTopic", "extparent"));
            assertThatThrownBy(() -> Target.start(TargetConfig.from(noToken)))
                    .isInstanceOf(TargetUnavailableException.class)
                    .hasMessageStartingWith("admin API http://127.0.0.1:" + b.adminPort() + " refused the admin token: HTTP 401")
                    .hasMessageEndingWith("(set lmq.adminToken / --admin-token)");
            assertThatThrownBy(() -> Target.start(config(b, "lmq.adminToken", "wrong-admin-token-0123456789")))
                    .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("HTTP 401")
                    .hasMessageEndingWith("(check lmq.adminToken)");
        }
    }

    @Test
    void wrongInstanceIdOrUnreachableAdminApiStopsTheRun() {
        try (ReferenceBroker b = broker(false)) {
            assertThatThrownBy(() -> Target.start(config(b, "lmq.instanceId", "other")))
                    .isInstanceOf(TargetUnavailableException.class).hasMessageContaining("'ext-inst'").hasMessageContaining("'other'");
            assertThatThrownBy(() -> Target.start(config(b, "lmq.adminUrl", "http://127.0.0.1:1")))
                    .isInstanceOf(TargetUnavailableException.class).hasMessage("admin API http://127.0.0.1:1: connection refused");
        }
    }
}
