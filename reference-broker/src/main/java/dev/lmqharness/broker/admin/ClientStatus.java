package dev.lmqharness.broker.admin;

import java.util.List;

/**
 * What the broker knows of one client ID.
 *
 * @param online          a channel of it is connected ({@code ConnectFlow})
 * @param channelId       the connected channel, or null
 * @param clientIp        the connected peer's address, or null
 * @param sessionPresent  the broker holds a session for it (online, or persistent and offline)
 * @param persistent      that session is cleanSession=false
 * @param subscriptions   its topic filters
 * @param queuedMessages  messages queued for it (offline messages when it is offline)
 */
public record ClientStatus(String clientId, boolean online, String channelId, String clientIp,
                           boolean sessionPresent, boolean persistent, List<String> subscriptions,
                           long queuedMessages) {
}
