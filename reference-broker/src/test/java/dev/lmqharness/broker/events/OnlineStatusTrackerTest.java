package dev.lmqharness.broker.events;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("LMQ-EVT-2: online status from status events")
class OnlineStatusTrackerTest {

    private static final String C = "GID_a@@@dev";

    private final OnlineStatusTracker tracker = new OnlineStatusTracker();

    private static StatusEvent ev(EventType t, String channel, long time) {
        return new StatusEvent(t, C, channel, "127.0.0.1", time);
    }

    @Test
    @DisplayName("LMQ-EVT-2: connect makes the client online; tcpclean or disconnect of that channel makes it offline")
    void basic() {
        assertThat(tracker.isOnline(C)).isFalse();
        tracker.accept(ev(EventType.CONNECT, "ch1", 1));
        assertThat(tracker.isOnline(C)).isTrue();
        tracker.accept(ev(EventType.TCPCLEAN, "ch1", 2));
        assertThat(tracker.isOnline(C)).isFalse();
        tracker.accept(ev(EventType.CONNECT, "ch2", 3));
        tracker.accept(ev(EventType.DISCONNECT, "ch2", 4));
        assertThat(tracker.isOnline(C)).isFalse();
    }

    @Test
    @DisplayName("LMQ-EVT-2: out of order: the old channel's tcpclean after the new channel's connect leaves the client online")
    void takeoverOutOfOrder() {
        tracker.accept(ev(EventType.CONNECT, "old", 1));
        tracker.accept(ev(EventType.CONNECT, "new", 3));
        tracker.accept(ev(EventType.TCPCLEAN, "old", 2)); // kick arrives late
        assertThat(tracker.isOnline(C)).isTrue();
        assertThat(tracker.liveChannels(C)).containsExactly("new");
    }

    @Test
    @DisplayName("LMQ-EVT-2: out of order: tcpclean before connect of the same channel means offline")
    void endBeforeConnect() {
        tracker.accept(ev(EventType.TCPCLEAN, "ch1", 2));
        tracker.accept(ev(EventType.CONNECT, "ch1", 1));
        assertThat(tracker.isOnline(C)).isFalse();
    }

    @Test
    @DisplayName("LMQ-EVT-2: duplicates are de-duplicated by channelId; a late duplicate connect cannot revive a channel")
    void duplicates() {
        assertThat(tracker.accept(ev(EventType.CONNECT, "ch1", 1))).isTrue();
        assertThat(tracker.accept(ev(EventType.CONNECT, "ch1", 1))).isFalse();
        assertThat(tracker.accept(ev(EventType.TCPCLEAN, "ch1", 2))).isTrue();
        assertThat(tracker.accept(ev(EventType.TCPCLEAN, "ch1", 2))).isFalse();
        assertThat(tracker.accept(ev(EventType.DISCONNECT, "ch1", 2))).isFalse();
        assertThat(tracker.accept(ev(EventType.CONNECT, "ch1", 1))).isFalse();
        assertThat(tracker.isOnline(C)).isFalse();
    }

    @Test
    @DisplayName("LMQ-EVT-2: clients are tracked independently")
    void independentClients() {
        tracker.accept(ev(EventType.CONNECT, "ch1", 1));
        tracker.accept(new StatusEvent(EventType.CONNECT, "GID_a@@@other", "ch1", null, 1));
        tracker.accept(new StatusEvent(EventType.TCPCLEAN, "GID_a@@@other", "ch1", null, 2));
        assertThat(tracker.isOnline(C)).isTrue();
        assertThat(tracker.isOnline("GID_a@@@other")).isFalse();
    }

    @Test
    @DisplayName("LMQ-EVT-2: pruning forgets only channels ended before the horizon")
    void prune() {
        tracker.accept(ev(EventType.CONNECT, "a", 1));
        tracker.accept(ev(EventType.TCPCLEAN, "a", 10));
        tracker.accept(ev(EventType.CONNECT, "b", 11));
        tracker.accept(ev(EventType.TCPCLEAN, "b", 20));
        tracker.accept(ev(EventType.CONNECT, "c", 21));
        assertThat(tracker.pruneEndedBefore(15)).isEqualTo(1);
        assertThat(tracker.isOnline(C)).isTrue();
        // b's tombstone survives the prune, so its duplicate connect is still ignored
        assertThat(tracker.accept(ev(EventType.CONNECT, "b", 11))).isFalse();
        assertThat(tracker.liveChannels(C)).containsExactly("c");
    }
}
