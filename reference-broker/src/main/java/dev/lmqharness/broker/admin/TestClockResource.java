package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lmqharness.broker.clock.ControllableClock;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code /api/v1/test/clock}: read and advance the broker's clock, only in test mode
 * ({@code admin.test-mode: true}); otherwise 404, as if the endpoints did not exist. After an
 * advance the broker applies its time-based rules at once (offline expiry {@code OfflinePolicy}, token
 * expiry {@code TokenService}), so the caller sees their effect without waiting for a periodic sweep.
 */
final class TestClockResource {

    record AdvanceRequest(Long millis) {
    }

    /** The broker's time in ms and as ISO-8601 text. */
    @JsonPropertyOrder({"now", "iso"})
    record ClockView(long now, String iso) {
    }

    private final BrokerAdmin broker;
    private final boolean testMode;

    TestClockResource(BrokerAdmin broker, boolean testMode) {
        this.broker = broker;
        this.testMode = testMode;
    }

    void register(Routes routes) {
        String base = Routes.API + "/test/clock";
        routes.get(base, r -> Reply.ok(now(clock().nowMillis())))
                .post(base + "/advance", this::advance);
    }

    private Reply advance(AdminRequest r) {
        ControllableClock clock = clock();
        Long millis = r.body(AdvanceRequest.class).millis();
        if (millis == null) {
            throw ApiException.badRequest("field 'millis' is required");
        }
        if (millis < 0) {
            throw ApiException.badRequest("field 'millis' must not be negative (the clock never goes back), was " + millis);
        }
        if (millis > Long.MAX_VALUE - clock.nowMillis()) {
            throw ApiException.badRequest("field 'millis' would move the clock past the end of time, was " + millis);
        }
        long now = clock.advance(Duration.ofMillis(millis));
        broker.sweepNow();
        return Reply.ok(now(now));
    }

    private ControllableClock clock() {
        if (!testMode) {
            throw ApiException.notFound("test mode is off: the clock endpoints exist only with admin.test-mode: true", null);
        }
        return broker.testClock().orElseThrow(() ->
                ApiException.notFound("test mode is on, but the broker runs on the system clock", null));
    }

    private static ClockView now(long millis) {
        return new ClockView(millis, Instant.ofEpochMilli(millis).toString());
    }
}
