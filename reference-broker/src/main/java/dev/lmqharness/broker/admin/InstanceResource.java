package dev.lmqharness.broker.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lmqharness.broker.rules.LmqLimits;

import java.util.Locale;

/**
 * {@code GET /api/v1/instance}: the instance ID, profile and every configured limit, so a
 * conformance suite can read the target's declared limits instead of hard-coding them.
 */
final class InstanceResource {

    @JsonPropertyOrder({"instanceId", "profile", "testMode", "time", "groups", "parentTopics", "accessKeys",
            "queuedMessages", "limits"})
    record InstanceView(String instanceId, String profile, boolean testMode, long time, int groups,
                        int parentTopics, int accessKeys, long queuedMessages, LmqLimits limits) {
    }

    private final BrokerAdmin broker;
    private final boolean testMode;

    InstanceResource(BrokerAdmin broker, boolean testMode) {
        this.broker = broker;
        this.testMode = testMode;
    }

    void register(Routes routes) {
        routes.get(Routes.API + "/instance", r -> Reply.ok(new InstanceView(
                broker.instanceId(),
                broker.profile().name().toLowerCase(Locale.ROOT),
                testMode && broker.testClock().isPresent(),
                broker.now(),
                broker.registry().listGroups().size(),
                broker.registry().listParentTopics().size(),
                broker.registry().listAccessKeys().size(),
                broker.queuedMessages(),
                broker.limits())));
    }
}
