package dev.lmqharness.broker.it;

import dev.lmqharness.broker.ReferenceBroker;
import dev.lmqharness.broker.config.LmqConfig;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.rules.LmqLimits;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one LMQ instance the broker's configuration and durability tests run against: Group ID
 * {@value #GROUP}, parent topic {@value #PARENT}, AccessKey {@value #AK} with SecretKey
 * {@value #SK}, anonymous access allowed, and the limits the test asks for.
 */
final class LmqInstance {

    static final String GROUP = "GID_cfg";
    static final String PARENT = "cfg";
    static final String AK = "AKcfg";
    static final String SK = "SKcfg";

    private LmqInstance() {
    }

    /** A valid Client ID of the instance's group: {@code GID_cfg@@@<device>}. */
    static String clientId(String device) {
        return GROUP + "@@@" + device;
    }

    static LmqConfig config(UnaryOperator<LmqLimits> limits) {
        return LmqConfig.defaults()
                .withGroups(List.of(GROUP))
                .withParentTopics(List.of(PARENT))
                .withAccessKeys(Map.of(AK, SK))
                .withAnonymousAllowed(true)
                .withLimits(limits.apply(LmqLimits.defaults()));
    }

    /** The LMQ profile with this instance on {@code b}; listeners and store stay as {@code b} has them. */
    static ReferenceBroker.Builder on(ReferenceBroker.Builder b, UnaryOperator<LmqLimits> limits) {
        return b.profile(Profile.LMQ).lmq(config(limits));
    }
}
