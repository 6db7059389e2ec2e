package dev.lmqharness.broker.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON form of {@link StatusEvent} ({@link EventType} Decision):
 * {@code {"eventType":"connect","clientId":"GID_a@@@d1","channelId":"…","clientIp":"127.0.0.1","time":1700000000000}}.
 * Unknown fields are ignored when reading, so consumers survive additions. Thread-safe.
 */
public final class StatusEventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private StatusEventJson() {
    }

    public static byte[] toJson(StatusEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            // A record of strings and a long always serialises; failing here is a bug.
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }

    public static String toJsonString(StatusEvent event) {
        return new String(toJson(event), StandardCharsets.UTF_8);
    }

    /**
     * Reads one event.
     *
     * @throws IllegalArgumentException if the bytes are not a valid status event, naming the problem
     */
    public static StatusEvent fromJson(byte[] json) {
        try {
            StatusEvent e = MAPPER.readValue(json, StatusEvent.class);
            if (e == null) {
                throw new IllegalArgumentException("status event JSON is null");
            }
            return e;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a status event: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c instanceof JsonProcessingException j ? j.getOriginalMessage() : c.getMessage();
    }
}
