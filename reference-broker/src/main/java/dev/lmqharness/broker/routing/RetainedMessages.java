package dev.lmqharness.broker.routing;

import dev.lmqharness.broker.rules.TopicFilters;
import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.MessageStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The last retained message per topic, kept in memory and written through to the store. */
public final class RetainedMessages {

    private final Map<String, MessageRecord> byTopic = new ConcurrentHashMap<>();
    private final MessageStore store;

    public RetainedMessages(MessageStore store) {
        this.store = store;
        byTopic.putAll(store.loadRetained());
    }

    /** Replaces the topic's retained message; an empty payload deletes it (MQTT-3.3.1-10, -11). */
    public void update(MessageRecord message) {
        if (message.payload().length == 0) {
            byTopic.remove(message.topic());
            store.removeRetained(message.topic());
        } else {
            byTopic.put(message.topic(), message);
            store.putRetained(message);
        }
    }

    public List<MessageRecord> matching(String filter) {
        List<MessageRecord> out = new ArrayList<>();
        for (MessageRecord m : byTopic.values()) {
            if (TopicFilters.matches(filter, m.topic())) {
                out.add(m);
            }
        }
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
    }

    public int size() {
        return byTopic.size();
    }
}
