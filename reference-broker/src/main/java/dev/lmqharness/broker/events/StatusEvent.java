package dev.lmqharness.broker.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;

/**
 * {@link EventType}: one status event of one connection. {@code channelId} is unique per TCP connection;
 * {@code time} is ms since the epoch; {@code clientIp} may be absent (omitted from the JSON).
 * JSON form per the events Decision: {@link StatusEventJson}.
 */
@JsonPropertyOrder({"eventType", "clientId", "channelId", "clientIp", "time"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusEvent(EventType eventType, String clientId, String channelId, String clientIp, long time) {

    public StatusEvent {
        Objects.requireNonNull(eventType, "eventType");
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("status event needs a clientId");
        }
        if (channelId == null || channelId.isEmpty()) {
            throw new IllegalArgumentException("status event needs a channelId");
        }
    }
}
