package dev.lmqharness.broker.session;

import dev.lmqharness.broker.store.MemoryMessageStore;
import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.MessageStore;
import dev.lmqharness.broker.store.QueueEntry;
import dev.lmqharness.broker.store.Recipient;
import dev.lmqharness.kit.rules.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Outbox} over a real in-memory store, driven as the client's session loop drives it. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
@DisplayName("Outbox: the outgoing QoS flow of one session")
class OutboxTest {

    private static final String CLIENT = "GID_outbox@@@device";

    private final MessageStore store = new MemoryMessageStore();
    private long nextId = 1;

    private Outbox outbox(int maxInflight) {
        return new Outbox(CLIENT, store, maxInflight, 100, new Outbox.Observer() {
            @Override
            public void sent(long messageId) {
            }

            @Override
            public void acknowledged(long messageId) {
            }
        });
    }

    private MessageRecord message(int qos, String text) {
        return new MessageRecord(nextId++, "topic/a", qos, text.getBytes(StandardCharsets.UTF_8), "publisher", 0);
    }

    /** Routes a QoS1 message to the client as the router does: stored first, then handed to the outbox. */
    private MessageRecord queue(Outbox outbox, String text) {
        MessageRecord m = message(1, text);
        for (QueueEntry e : store.enqueue(m, List.of(new Recipient(CLIENT, 1)))) {
            outbox.accept(e, m, true);
        }
        return m;
    }

    private static List<String> texts(RecordingConnection c) {
        return c.published.stream().map(p -> new String(p.message().payload(), StandardCharsets.UTF_8)).toList();
    }

    @Rule("LMQ-OFF-2")
    @Test
    @DisplayName("A push to a connection that silently died is re-sent, same packet ID and DUP, at the next connect")
    void unacknowledgedPushIsDeliveredAtTheNextConnect() {
        Outbox outbox = outbox(10);
        RecordingConnection dead = new RecordingConnection();
        queue(outbox, "m1");
        outbox.drain(dead);
        assertThat(dead.published).hasSize(1);
        int packetId = dead.published.get(0).packetId();

        outbox.park(); // the connection is gone without a PUBACK: the entry stays, as an offline message
        assertThat(store.queuedCount(CLIENT)).isEqualTo(1);

        Outbox next = outbox(10); // what the session has at its next connect
        RecordingConnection back = new RecordingConnection();
        next.loadFromStore();
        next.resendInflight(back);
        next.drain(back);
        assertThat(back.published).hasSize(1);
        assertThat(back.published.get(0).packetId()).isEqualTo(packetId);
        assertThat(back.published.get(0).dup()).isTrue();
        assertThat(texts(back)).containsExactly("m1");

        assertThat(next.onPubAck(packetId)).isTrue();
        assertThat(store.queuedCount(CLIENT)).isZero();
    }

    @Rule("LMQ-MSG-2")
    @Test
    @DisplayName("A QoS0 message waits behind the QoS1 messages of the same publisher queued before it")
    void qos0KeepsItsPlaceBehindQueuedQos1() {
        Outbox outbox = outbox(1);
        RecordingConnection conn = new RecordingConnection();
        queue(outbox, "m1");
        queue(outbox, "m2");
        outbox.drain(conn);                                   // window of one: m1 in flight, m2 waits
        assertThat(outbox.offerQos0(message(0, "m3"), conn)).isTrue();
        assertThat(texts(conn)).containsExactly("m1");

        assertThat(outbox.onPubAck(conn.published.get(0).packetId())).isTrue();
        outbox.drain(conn);
        assertThat(texts(conn)).containsExactly("m1", "m2", "m3");
    }
}
