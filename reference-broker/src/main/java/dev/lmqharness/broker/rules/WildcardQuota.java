package dev.lmqharness.broker.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * LMQ-SUB-2: under one parent topic at most 100 wildcard subscriptions (configurable) are active,
 * instance-wide. A subscription is one (client, filter) pair; filters without {@code +}/{@code #}
 * are not counted. Per the Decision the one beyond the cap gets SUBACK 0x80.
 *
 * <p>Thread-safe: one instance per broker, called by every session. Slots are released on
 * UNSUBSCRIBE ({@link #release}) and when a session ends ({@link #releaseAll}). Parent topics are
 * keyed ignoring case, as their names are ({@link TopicRules}).
 */
public final class WildcardQuota {

    public static final String RULE = "LMQ-SUB-2";

    private record Holder(String clientId, String filter) {
    }

    private final int maxPerParent;
    private final Map<String, Set<Holder>> byParent = new HashMap<>();
    private final Map<String, Set<Holder>> byClient = new HashMap<>();

    public WildcardQuota(int maxPerParent) {
        if (maxPerParent <= 0) {
            throw new IllegalArgumentException("wildcard cap must be positive, was " + maxPerParent);
        }
        this.maxPerParent = maxPerParent;
    }

    /** Takes a slot for a wildcard filter; filters without wildcards always pass and take none. */
    public synchronized Verdict tryAcquire(String clientId, String filter) {
        if (!TopicFilters.hasWildcard(filter)) {
            return Verdict.ok();
        }
        String parent = parentKey(filter);
        Set<Holder> holders = byParent.computeIfAbsent(parent, k -> new HashSet<>());
        Holder h = new Holder(clientId, filter);
        if (holders.contains(h)) {
            return Verdict.ok(); // re-subscribe keeps its slot
        }
        if (holders.size() >= maxPerParent) {
            return Verdict.refuse(RULE, MqttCodes.SUBACK_FAILURE, "parent topic '" + TopicFilters.firstLevel(filter)
                    + "' already has " + holders.size() + " wildcard subscriptions; at most " + maxPerParent);
        }
        holders.add(h);
        byClient.computeIfAbsent(clientId, k -> new HashSet<>()).add(h);
        return Verdict.ok();
    }

    /** @return whether a slot was held by this client for this filter */
    public synchronized boolean release(String clientId, String filter) {
        Holder h = new Holder(clientId, filter);
        Set<Holder> mine = byClient.get(clientId);
        if (mine == null || !mine.remove(h)) {
            return false;
        }
        if (mine.isEmpty()) {
            byClient.remove(clientId);
        }
        removeFromParent(h);
        return true;
    }

    /** Frees every slot of the client (session ended). @return how many were freed */
    public synchronized int releaseAll(String clientId) {
        Set<Holder> mine = byClient.remove(clientId);
        if (mine == null) {
            return 0;
        }
        for (Holder h : mine) {
            removeFromParent(h);
        }
        return mine.size();
    }

    /** Active wildcard subscriptions under the parent topic (any case). */
    public synchronized int count(String parentTopic) {
        Set<Holder> holders = byParent.get(parentTopic.toLowerCase(Locale.ROOT));
        return holders == null ? 0 : holders.size();
    }

    public int maxPerParent() {
        return maxPerParent;
    }

    private void removeFromParent(Holder h) {
        String parent = parentKey(h.filter());
        Set<Holder> holders = byParent.get(parent);
        if (holders != null) {
            holders.remove(h);
            if (holders.isEmpty()) {
                byParent.remove(parent);
            }
        }
    }

    private static String parentKey(String filter) {
        return TopicFilters.firstLevel(filter).toLowerCase(Locale.ROOT);
    }
}
