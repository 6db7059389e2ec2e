package dev.lmqharness.broker.auth;

import dev.lmqharness.broker.rules.MqttCodes;
import dev.lmqharness.broker.rules.PublishVerdict;
import dev.lmqharness.broker.rules.TopicFilters;
import dev.lmqharness.broker.rules.Verdict;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What an authenticated connection may do, checked on every PUBLISH and SUBSCRIBE ({@link TokenAuthenticator}).
 * Signature mode and anonymous connections are unrestricted; a token connection may publish to
 * topics matched by its W resources and subscribe to filters covered by its R resources (MQTT
 * wildcard semantics, {@link TopicFilters}).
 *
 * <p>A refused PUBLISH is discarded and the connection closed (MQTT-3.3.5-2 allows that or a
 * silent acknowledgement; closing matches the topics Decision). A refused SUBSCRIBE gets 0x80.
 *
 * @param unrestricted whether every topic is allowed both ways
 * @param readFilters  filters the connection may subscribe within (R)
 * @param writeFilters filters whose topics the connection may publish to (W)
 */
public record Permissions(boolean unrestricted, List<String> readFilters, List<String> writeFilters) {

    public static final String RULE = TokenAuthenticator.RULE;

    private static final Permissions ALL = new Permissions(true, List.of(), List.of());

    public Permissions {
        readFilters = List.copyOf(readFilters);
        writeFilters = List.copyOf(writeFilters);
    }

    public static Permissions all() {
        return ALL;
    }

    public static Permissions of(Collection<String> readFilters, Collection<String> writeFilters) {
        return new Permissions(false, List.copyOf(new LinkedHashSet<>(readFilters)),
                List.copyOf(new LinkedHashSet<>(writeFilters)));
    }

    public boolean canPublish(String topic) {
        return unrestricted || writeFilters.stream().anyMatch(f -> TopicFilters.matches(f, topic));
    }

    public boolean canSubscribe(String filter) {
        return unrestricted || readFilters.stream().anyMatch(f -> TopicFilters.covers(f, filter));
    }

    public PublishVerdict checkPublish(String topic) {
        return canPublish(topic) ? PublishVerdict.deliver()
                : PublishVerdict.discardAndClose(RULE, "no W permission for topic '" + topic + "'");
    }

    public Verdict checkSubscribe(String filter) {
        return canSubscribe(filter) ? Verdict.ok()
                : Verdict.refuse(RULE, MqttCodes.SUBACK_FAILURE, "no R permission covering filter '" + filter + "'");
    }
}
