package dev.lmqharness.broker.rules;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * LMQ-SUB-1: one client holds at most 30 subscriptions (configurable). Each distinct filter is one
 * subscription, wildcard or not ({@code A/#} and {@code A/a1/#} are two); re-subscribing a filter
 * already held takes no new slot; unsubscribing frees one. Beyond the cap: SUBACK 0x80.
 *
 * <p>One instance per client session. Thread-safe, though normally used by the session's owner
 * thread only.
 */
public final class SubscriptionQuota {

    public static final String RULE = "LMQ-SUB-1";

    private final int max;
    private final Set<String> filters = new LinkedHashSet<>();

    public SubscriptionQuota(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("subscription cap must be positive, was " + max);
        }
        this.max = max;
    }

    /**
     * A quota for a restored persistent session. The restored filters are kept even if they
     * exceed a cap lowered since; only new subscriptions are refused.
     */
    public SubscriptionQuota(int max, Collection<String> restored) {
        this(max);
        filters.addAll(restored);
    }

    /** Takes a slot for the filter, or keeps the one it already has. */
    public synchronized Verdict trySubscribe(String filter) {
        if (filters.contains(filter)) {
            return Verdict.ok();
        }
        if (filters.size() >= max) {
            return Verdict.refuse(RULE, MqttCodes.SUBACK_FAILURE, "client already holds " + filters.size()
                    + " subscriptions; at most " + max + " allowed");
        }
        filters.add(filter);
        return Verdict.ok();
    }

    /** @return whether the filter was held */
    public synchronized boolean unsubscribe(String filter) {
        return filters.remove(filter);
    }

    public synchronized boolean holds(String filter) {
        return filters.contains(filter);
    }

    public synchronized int count() {
        return filters.size();
    }

    /** Snapshot, in subscription order. */
    public synchronized Set<String> filters() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(filters));
    }

    public int max() {
        return max;
    }

    public synchronized void clear() {
        filters.clear();
    }
}
