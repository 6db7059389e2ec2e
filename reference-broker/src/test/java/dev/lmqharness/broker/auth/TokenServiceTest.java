package dev.lmqharness.broker.auth;

import dev.lmqharness.broker.clock.ControllableClock;
import dev.lmqharness.broker.rules.LmqLimits;
import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("ApplyToken, QueryToken, RevokeToken")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TokenServiceTest {

    private static final String INSTANCE = "mqtt-cn-test";
    private static final long START = 1_700_000_000_000L;

    private final ControllableClock clock = new ControllableClock(START);
    private final TokenService tokens = new TokenService(INSTANCE, LmqLimits.defaults(), clock);

    private long inFuture(Duration d) {
        return clock.nowMillis() + d.toMillis();
    }

    @Rule("LMQ-TOKEN-2")
    @Test
    @DisplayName("ApplyToken returns a token that QueryToken reports valid")
    void applyAndQuery() {
        ApplyTokenResult r = tokens.applyToken(INSTANCE, "topic/a,topic/b/#", "R,W", inFuture(Duration.ofHours(1)));
        assertThat(r.success()).isTrue();
        assertThat(r.token()).isNotBlank().doesNotContain("|");
        assertThat(r.expireTimeMillis()).isEqualTo(inFuture(Duration.ofHours(1)));
        assertThat(r.capped()).isFalse();
        QueryTokenResult q = tokens.queryToken(INSTANCE, r.token());
        assertThat(q.valid()).isTrue();
        assertThat(q.status()).isEqualTo(TokenStatus.VALID);
        assertThat(q.record().resources()).containsExactly("topic/a", "topic/b/#");
        assertThat(q.record().actions()).containsExactlyInAnyOrder(TokenAction.R, TokenAction.W);
        assertThat(q.record().issuedAtMillis()).isEqualTo(START);
    }

    @Rule("LMQ-TOKEN-2")
    @Test
    @DisplayName("Tokens are random and unguessable (256 bits, all distinct)")
    void randomTokens() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String t = tokens.applyToken(INSTANCE, "topic/a", "R", inFuture(Duration.ofHours(1))).token();
            assertThat(t).hasSize(43); // 32 bytes, Base64url without padding
            seen.add(t);
        }
        assertThat(seen).hasSize(200);
    }

    @Rule("LMQ-TOKEN-1")
    @Test
    @DisplayName("ExpireTime more than 30 days away succeeds with no error, capped to 30 days")
    void thirtyDayCap() {
        ApplyTokenResult r = tokens.applyToken(INSTANCE, "topic/a", "R", inFuture(Duration.ofDays(365)));
        assertThat(r.success()).isTrue();
        assertThat(r.errorCode()).isNull();
        assertThat(r.capped()).isTrue();
        assertThat(r.expireTimeMillis()).isEqualTo(inFuture(Duration.ofDays(30)));

        clock.advance(Duration.ofDays(30).minusMillis(1));
        assertThat(tokens.queryToken(INSTANCE, r.token()).valid()).isTrue();
        clock.advance(Duration.ofMillis(1));
        QueryTokenResult after = tokens.queryToken(INSTANCE, r.token());
        assertThat(after.valid()).isFalse();
        assertThat(after.status()).isEqualTo(TokenStatus.EXPIRED);
    }

    @Rule("LMQ-TOKEN-1")
    @Test
    @DisplayName("Exactly 30 days is not capped; the cap is configurable")
    void exactlyThirtyDays() {
        ApplyTokenResult r = tokens.applyToken(INSTANCE, "topic/a", "W", inFuture(Duration.ofDays(30)));
        assertThat(r.capped()).isFalse();
        TokenService weekly = new TokenService(INSTANCE,
                LmqLimits.defaults().withTokenValidity(Duration.ofDays(7), Duration.ofSeconds(60)), clock);
        ApplyTokenResult w = weekly.applyToken(INSTANCE, "topic/a", "W", inFuture(Duration.ofDays(30)));
        assertThat(w.expireTimeMillis()).isEqualTo(inFuture(Duration.ofDays(7)));
    }

    @Rule("LMQ-TOKEN-2")
    @Test
    @DisplayName("ExpireTime 59 s away is refused with a clear error; 60 s and 61 s are accepted")
    void minimumDistance() {
        ApplyTokenResult r59 = tokens.applyToken(INSTANCE, "topic/a", "R", inFuture(Duration.ofSeconds(59)));
        assertThat(r59.success()).isFalse();
        assertThat(r59.token()).isNull();
        assertThat(r59.errorCode()).isEqualTo("InvalidParameter.ExpireTime");
        assertThat(r59.message()).contains("60 s").contains("absolute");
        assertThat(tokens.applyToken(INSTANCE, "topic/a", "R", inFuture(Duration.ofSeconds(60))).success()).isTrue();
        assertThat(tokens.applyToken(INSTANCE, "topic/a", "R", inFuture(Duration.ofSeconds(61))).success()).isTrue();
    }

    @Rule("LMQ-TOKEN-2")
    @Test
    @DisplayName("An ExpireTime in the past (e.g. a relative value) is refused")
    void pastExpireTime() {
        assertThat(tokens.applyToken(INSTANCE, "topic/a", "R", 3_600_000L).errorCode())
                .isEqualTo("InvalidParameter.ExpireTime");
    }

    @Rule("LMQ-TOKEN-2")
    @Test
    @DisplayName("100 resources accepted, 101 refused")
    void hundredResources() {
        String hundred = IntStream.range(0, 100).mapToObj(i -> "topic/t" + i).collect(Collectors.joining(","));
        ApplyTokenResult ok = tokens.applyToken(INSTANCE, hundred, "R", inFuture(Duration.ofHours(1)));
        assertThat(ok.success()).isTrue();
        assertThat(tokens.queryToken(INSTANCE, ok.token()).record().resources()).hasSize(100);
        ApplyTokenResult tooMany = tokens.applyToken(INSTANCE, hundred + ",topic/t100", "R", inFuture(Duration.ofHours(1)));
        assertThat(tooMany.success()).isFalse();
        assertThat(tooMany.errorCode()).isEqualTo("InvalidParameter.Resources");
        assertThat(tooMany.message()).contains("101").contains("100");
    }

    @Rule("LMQ-TOKEN-2")
    @Test
    @DisplayName("Resources may use + and #, blanks are trimmed; invalid filters and empty items are refused")
    void resourceSyntax() {
        ApplyTokenResult r = tokens.applyToken(INSTANCE, " topic/+/a , topic/# ", "R", inFuture(Duration.ofHours(1)));
        assertThat(r.success()).isTrue();
        assertThat(tokens.queryToken(INSTANCE, r.token()).record().resources()).containsExactly("topic/+/a", "topic/#");
        assertThat(tokens.applyToken(INSTANCE, "topic/#/a", "R", inFuture(Duration.ofHours(1))).errorCode())
                .isEqualTo("InvalidParameter.Resources");
        assertThat(tokens.applyToken(INSTANCE, "topic/a,,topic/b", "R", inFuture(Duration.ofHours(1))).success()).isFalse();
        assertThat(tokens.applyToken(INSTANCE, "", "R", inFuture(Duration.ofHours(1))).success()).isFalse();
        assertThat(tokens.applyToken(INSTANCE, null, "R", inFuture(Duration.ofHours(1))).success()).isFalse();
    }

    @Rule("LMQ-TOKEN-2")
    @Test
    @DisplayName("Actions must be R, W or R,W")
    void actions() {
        assertThat(tokens.applyToken(INSTANCE, "topic/a", "R", inFuture(Duration.ofHours(1))).success()).isTrue();
        assertThat(tokens.applyToken(INSTANCE, "topic/a", "W", inFuture(Duration.ofHours(1))).success()).isTrue();
        for (String bad : List.of("", "RW", "X", "r", "R,W,R", "W,R ", "R;W")) {
            assertThat(tokens.applyToken(INSTANCE, "topic/a", bad, inFuture(Duration.ofHours(1))).errorCode())
                    .as(bad).isEqualTo("InvalidParameter.Actions");
        }
        assertThat(tokens.applyToken(INSTANCE, "topic/a", null, inFuture(Duration.ofHours(1))).success()).isFalse();
    }

    @Rule("LMQ-TOKEN-2")
    @Test
    @DisplayName("Another instance's ID is refused, and its tokens are not visible")
    void instanceScope() {
        assertThat(tokens.applyToken("other", "topic/a", "R", inFuture(Duration.ofHours(1))).errorCode())
                .isEqualTo("InvalidParameter.InstanceId");
        String t = tokens.applyToken(INSTANCE, "topic/a", "R", inFuture(Duration.ofHours(1))).token();
        assertThat(tokens.queryToken("other", t).status()).isEqualTo(TokenStatus.UNKNOWN);
        assertThat(tokens.revokeToken("other", t).success()).isFalse();
        assertThat(tokens.queryToken(INSTANCE, t).valid()).isTrue();
    }

    @Rule("LMQ-TOKEN-2")
    @Test
    @DisplayName("RevokeToken ends a token at once and notifies listeners")
    void revoke() {
        List<String> ended = new ArrayList<>();
        tokens.addListener((instance, token, reason) -> ended.add(instance + ":" + token + ":" + reason));
        String t = tokens.applyToken(INSTANCE, "topic/a", "R", inFuture(Duration.ofHours(1))).token();
        RevokeTokenResult r = tokens.revokeToken(INSTANCE, t);
        assertThat(r.success()).isTrue();
        QueryTokenResult q = tokens.queryToken(INSTANCE, t);
        assertThat(q.valid()).isFalse();
        assertThat(q.status()).isEqualTo(TokenStatus.REVOKED);
        assertThat(ended).containsExactly(INSTANCE + ":" + t + ":REVOKED");
        RevokeTokenResult again = tokens.revokeToken(INSTANCE, t);
        assertThat(again.success()).isFalse();
        assertThat(again.errorCode()).isEqualTo("Token.Revoked");
        assertThat(tokens.revokeToken(INSTANCE, "no-such-token").errorCode()).isEqualTo("Token.NotFound");
        assertThat(tokens.queryToken(INSTANCE, "no-such-token").status()).isEqualTo(TokenStatus.UNKNOWN);
        assertThat(ended).hasSize(1);
    }

    @Rule("LMQ-TOKEN-1")
    @Test
    @DisplayName("The expiry sweep tells listeners about tokens that just expired, once")
    void sweep() {
        List<String> expired = new ArrayList<>();
        tokens.addListener((instance, token, reason) -> expired.add(token + ":" + reason));
        String shortLived = tokens.applyToken(INSTANCE, "topic/a", "R", inFuture(Duration.ofMinutes(2))).token();
        String longLived = tokens.applyToken(INSTANCE, "topic/a", "R", inFuture(Duration.ofDays(2))).token();
        String revoked = tokens.applyToken(INSTANCE, "topic/a", "R", inFuture(Duration.ofMinutes(2))).token();
        tokens.revokeToken(INSTANCE, revoked);
        expired.clear();

        assertThat(tokens.sweepExpired()).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.sweepExpired()).isEqualTo(1);
        assertThat(expired).containsExactly(shortLived + ":EXPIRED");
        assertThat(tokens.sweepExpired()).isZero();
        assertThat(tokens.queryToken(INSTANCE, longLived).valid()).isTrue();
        assertThat(tokens.size()).isEqualTo(1);
        assertThat(tokens.revokeToken(INSTANCE, shortLived).success()).isFalse();
    }

    @Rule("LMQ-TOKEN-2")
    @Test
    @DisplayName("A failing listener does not stop the others")
    void faultyListener() {
        List<String> seen = new ArrayList<>();
        tokens.addListener((i, t, r) -> {
            throw new IllegalStateException("boom");
        });
        tokens.addListener((i, t, r) -> seen.add(t));
        String t = tokens.applyToken(INSTANCE, "topic/a", "R", inFuture(Duration.ofHours(1))).token();
        assertThat(tokens.revokeToken(INSTANCE, t).success()).isTrue();
        assertThat(seen).containsExactly(t);
    }

    @Rule("LMQ-TOKEN-2")
    @Test
    @DisplayName("Revoking an expired token reports it as expired")
    void revokeExpired() {
        String t = tokens.applyToken(INSTANCE, "topic/a", "R", inFuture(Duration.ofMinutes(5))).token();
        clock.advance(Duration.ofMinutes(5));
        assertThat(tokens.revokeToken(INSTANCE, t).errorCode()).isEqualTo("Token.Expired");
    }
}
