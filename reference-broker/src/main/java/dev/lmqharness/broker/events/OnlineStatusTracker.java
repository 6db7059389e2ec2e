package dev.lmqharness.broker.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * LMQ-EVT-2: a client is online exactly when one of its channels has a {@code connect} event and no
 * {@code disconnect}/{@code tcpclean} yet. Events may arrive out of order or twice; they are
 * de-duplicated by channelId: a channel that has ended stays ended, whatever arrives later.
 *
 * <p>Ended channels are kept as tombstones (so a late duplicate {@code connect} cannot revive
 * them) until {@link #pruneEndedBefore} drops them. Thread-safe.
 */
public final class OnlineStatusTracker {

    private static final class ChannelState {
        boolean connected;
        boolean ended;
        long endTime;
    }

    private final Map<String, Map<String, ChannelState>> byClient = new HashMap<>();

    /**
     * Records an event. @return whether it changed anything (false for a duplicate)
     */
    public synchronized boolean accept(StatusEvent event) {
        ChannelState ch = byClient.computeIfAbsent(event.clientId(), k -> new HashMap<>())
                .computeIfAbsent(event.channelId(), k -> new ChannelState());
        if (event.eventType().endsChannel()) {
            if (ch.ended) {
                return false;
            }
            ch.ended = true;
            ch.endTime = event.time();
            return true;
        }
        if (ch.connected) {
            return false;
        }
        ch.connected = true;
        return true;
    }

    public synchronized boolean isOnline(String clientId) {
        Map<String, ChannelState> channels = byClient.get(clientId);
        return channels != null && channels.values().stream().anyMatch(c -> c.connected && !c.ended);
    }

    /** Channels of the client that are connected and not ended. */
    public synchronized List<String> liveChannels(String clientId) {
        List<String> live = new ArrayList<>();
        Map<String, ChannelState> channels = byClient.get(clientId);
        if (channels != null) {
            channels.forEach((id, c) -> {
                if (c.connected && !c.ended) {
                    live.add(id);
                }
            });
        }
        return live;
    }

    /**
     * Forgets channels that ended before {@code timeMillis} (by their end event's time). A
     * duplicate {@code connect} for a forgotten channel would count again, so choose a horizon
     * longer than any redelivery delay. @return how many channels were forgotten
     */
    public synchronized int pruneEndedBefore(long timeMillis) {
        int removed = 0;
        for (var clients = byClient.values().iterator(); clients.hasNext(); ) {
            Map<String, ChannelState> channels = clients.next();
            for (var it = channels.values().iterator(); it.hasNext(); ) {
                ChannelState c = it.next();
                if (c.ended && c.endTime < timeMillis) {
                    it.remove();
                    removed++;
                }
            }
            if (channels.isEmpty()) {
                clients.remove();
            }
        }
        return removed;
    }
}
