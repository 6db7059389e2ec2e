package dev.lmqharness.broker.session;

import dev.lmqharness.broker.store.MessageRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The session layer's view of one network connection, recording what the broker sends on it: the
 * part of a channel the session layer talks to, without Netty. A close is not reported back (as
 * the protocol layer would): a test reports the loss itself, when it wants to, with
 * {@link SessionManager#connectionLost}.
 */
final class RecordingConnection implements ClientConnection {

    /** One PUBLISH as sent to the client. */
    record Sent(MessageRecord message, int qos, int packetId, boolean dup) {
    }

    private static final AtomicInteger CHANNELS = new AtomicInteger();

    private final String channelId = "test-channel-" + CHANNELS.incrementAndGet();
    final List<Integer> connAcks = new CopyOnWriteArrayList<>();
    final List<Sent> published = new CopyOnWriteArrayList<>();
    final List<Integer> subAcks = new CopyOnWriteArrayList<>();
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public String channelId() {
        return channelId;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    @Override
    public void sendConnAck(int returnCode, boolean sessionPresent) {
        connAcks.add(returnCode);
    }

    @Override
    public void sendPublish(MessageRecord message, int qos, int packetId, boolean dup) {
        published.add(new Sent(message, qos, packetId, dup));
    }

    @Override
    public void sendPubAck(int packetId) {
    }

    @Override
    public void sendPubRec(int packetId) {
    }

    @Override
    public void sendPubRel(int packetId) {
    }

    @Override
    public void sendPubComp(int packetId) {
    }

    @Override
    public void sendSubAck(int packetId, List<Integer> returnCodes) {
        subAcks.addAll(returnCodes);
    }

    @Override
    public void sendUnsubAck(int packetId) {
    }

    @Override
    public void sendPingResp() {
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
