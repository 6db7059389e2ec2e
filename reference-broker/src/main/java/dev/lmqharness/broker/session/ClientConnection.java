package dev.lmqharness.broker.session;

import dev.lmqharness.broker.store.MessageRecord;

import java.util.List;

/**
 * One network connection as the session layer sees it. Implemented over a Netty channel by the
 * protocol package; every method may be called from the session's thread.
 */
public interface ClientConnection {

    /** Unique per network connection ({@code EventType} channelId). */
    String channelId();

    String remoteAddress();

    void sendConnAck(int returnCode, boolean sessionPresent);

    void sendPublish(MessageRecord message, int qos, int packetId, boolean dup);

    void sendPubAck(int packetId);

    void sendPubRec(int packetId);

    void sendPubRel(int packetId);

    void sendPubComp(int packetId);

    void sendSubAck(int packetId, List<Integer> returnCodes);

    void sendUnsubAck(int packetId);

    void sendPingResp();

    /**
     * Whether the connection's outbound buffer is below its high water mark. While it is not, the
     * session sends no more PUBLISH packets to it (acknowledgements still go out) and waits for
     * {@link SessionManager#onWritable}.
     */
    default boolean writable() {
        return true;
    }

    /** Closes the network connection; the close is reported back as a connection loss. */
    void close();
}
