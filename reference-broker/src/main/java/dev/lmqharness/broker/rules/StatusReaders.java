package dev.lmqharness.broker.rules;

import dev.lmqharness.broker.events.EventType;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who may subscribe to the client status events ({@link EventType}). The events name every client and its
 * address, so they are not for every client: only clients of a configured monitoring group, clients
 * that authenticated with a configured AccessKey, or a token whose R resources cover the status
 * filter. Anyone else's SUBSCRIBE gets 0x80, like any filter without R permission.
 */
public final class StatusReaders {

    public static final String RULE = EventType.RULE;

    private static final String SEPARATOR = "@@@";

    private final Set<String> groups;
    private final Set<String> accessKeys;

    public StatusReaders(List<String> groups, List<String> accessKeys) {
        this.groups = Set.copyOf(groups);
        this.accessKeys = Set.copyOf(accessKeys);
    }

    /**
     * @param accessKey       the AccessKey the connection authenticated with; null when anonymous
     * @param tokenMayRead    whether the connection's token grants R on this filter; an unrestricted
     *                        connection (signature, anonymous) has no token, so it answers false
     */
    public Verdict check(String clientId, String accessKey, String filter, Predicate<String> tokenMayRead) {
        if (groups.contains(groupOf(clientId)) || (accessKey != null && accessKeys.contains(accessKey))
                || tokenMayRead.test(filter)) {
            return Verdict.ok();
        }
        return Verdict.refuse(RULE, MqttCodes.SUBACK_FAILURE,
                "status events are readable only by a configured reader group or AccessKey, or a token with R on them");
    }

    private static String groupOf(String clientId) {
        int at = clientId.indexOf(SEPARATOR);
        return at < 0 ? "" : clientId.substring(0, at);
    }
}
