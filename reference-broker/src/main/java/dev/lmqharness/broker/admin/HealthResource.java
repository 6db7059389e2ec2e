package dev.lmqharness.broker.admin;

import java.util.Map;

/** {@code GET /api/v1/health}: the admin API answers, so the broker process is up. */
final class HealthResource {

    void register(Routes routes) {
        routes.get(Routes.API + "/health", r -> Reply.ok(Map.of("status", "UP")));
    }
}
