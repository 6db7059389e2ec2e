package dev.lmqharness.broker.session;

import dev.lmqharness.broker.events.EventType;
import dev.lmqharness.broker.events.StatusEvent;
import dev.lmqharness.broker.events.StatusEventJson;
import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.lmqharness.broker.session.SessionLayer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link ConnectFlow} on the real session layer: takeover, and the status events of each channel. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
@DisplayName("Connect flow: takeover and channel status")
class ConnectFlowTest {

    private static final String DEVICE = SessionLayer.GROUP + "@@@device";

    private final SessionLayer layer = new SessionLayer();

    @AfterEach
    void stop() {
        layer.close();
    }

    @Rule("LMQ-CID-4")
    @Test
    @DisplayName("A second connection with a connected Client ID closes the first; the first's late loss changes nothing")
    void secondConnectionKicksTheFirst() {
        RecordingConnection first = layer.connect(DEVICE, false);
        RecordingConnection second = layer.connect(DEVICE, false);

        assertThat(first.closed).isTrue();
        assertThat(second.closed).isFalse();
        assertThat(layer.sessions.view(DEVICE).orElseThrow().channelId()).isEqualTo(second.channelId());

        layer.sessions.connectionLost(first, DEVICE, false); // the kicked channel's close, reported late
        layer.settle(DEVICE);
        assertThat(layer.sessions.isOnline(DEVICE)).isTrue();
        assertThat(layer.sessions.view(DEVICE).orElseThrow().channelId()).isEqualTo(second.channelId());
        assertThat(layer.sessions.onlineCount()).isEqualTo(1);
    }

    @Rule("LMQ-CID-4")
    @Test
    @DisplayName("The newer connection of a cleanSession=false client resumes the session the older one held")
    void takeoverKeepsThePersistentSession() {
        RecordingConnection first = layer.connect(DEVICE, false);
        layer.sessions.onSubscribe(first, DEVICE, 1, List.of(new Subscription("sensors/#", 1)));
        await().atMost(WAIT).until(() -> !first.subAcks.isEmpty());
        assertThat(first.subAcks).containsExactly(1);

        layer.connect(DEVICE, false);
        assertThat(layer.sessions.view(DEVICE).orElseThrow().subscriptions()).containsExactly("sensors/#");
    }

    @Rule("LMQ-EVT-2")
    @Test
    @DisplayName("Each channel publishes one connect and then one end event, so 'online' follows the live channel")
    void oneConnectAndOneEndPerChannel() {
        RecordingConnection watcher = layer.connect(SessionLayer.GROUP + "@@@watcher", true);
        layer.sessions.onSubscribe(watcher, SessionLayer.GROUP + "@@@watcher", 1,
                List.of(new Subscription(layer.statusTopic, 1)));
        await().atMost(WAIT).until(() -> !watcher.subAcks.isEmpty());

        RecordingConnection first = layer.connect(DEVICE, true);
        RecordingConnection second = layer.connect(DEVICE, true);    // takeover: the first channel ends
        layer.sessions.connectionLost(first, DEVICE, false);         // late loss of the first: no second end
        layer.sessions.connectionLost(second, DEVICE, true);         // DISCONNECT of the second
        layer.settle(DEVICE);

        await().atMost(WAIT).untilAsserted(() -> assertThat(eventsOf(watcher, DEVICE)).containsExactly(
                first.channelId() + " " + EventType.CONNECT, first.channelId() + " " + EventType.TCPCLEAN,
                second.channelId() + " " + EventType.CONNECT, second.channelId() + " " + EventType.DISCONNECT));
        assertThat(layer.sessions.isOnline(DEVICE)).isFalse();
    }

    /** The device's status events the watcher received, as "channel TYPE", in order. */
    private static List<String> eventsOf(RecordingConnection watcher, String clientId) {
        return watcher.published.stream()
                .map(p -> StatusEventJson.fromJson(p.message().payload()))
                .filter(e -> e.clientId().equals(clientId))
                .map((StatusEvent e) -> e.channelId() + " " + e.eventType())
                .toList();
    }
}
