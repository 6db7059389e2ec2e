package dev.lmqharness.broker.session;

import java.util.List;

/** A read-only snapshot of one session, for the admin API. */
public record SessionView(String clientId, boolean online, String channelId, String clientIp, boolean persistent,
                          List<String> subscriptions, long queuedMessages) {
}
