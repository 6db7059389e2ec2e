package dev.lmqharness.broker.lmq;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A bare MQTT 3.1.1 client on a blocking socket, for what client libraries will not do: withhold
 * acknowledgements, stop reading without closing ("a connection that silently died"), send
 * identifiers a library refuses, or send a packet twice. Packets are encoded and decoded with
 * netty-codec-mqtt; nothing is read unless the test asks, so not calling {@link #read} is exactly
 * "stopped reading". Not thread-safe: one test thread drives it.
 */
final class RawMqttClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
    private final EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder(1 << 20));
    /** Packets read while waiting for another type, in arrival order. */
    private final List<MqttMessage> skipped = new ArrayList<>();
    private boolean eof;

    private RawMqttClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawMqttClient open(int port) {
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setTcpNoDelay(true);
            return new RawMqttClient(s);
        } catch (IOException e) {
            throw new AssertionError("cannot open a socket to port " + port, e);
        }
    }

    /** CONNECT; returns the CONNACK, or null if the broker closed the connection without one. */
    MqttConnAckMessage connect(String clientId, boolean cleanSession, int keepAliveSeconds) {
        return connect(clientId, cleanSession, keepAliveSeconds, null, null);
    }

    MqttConnAckMessage connect(String clientId, boolean cleanSession, int keepAliveSeconds, String user, String pass) {
        MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId(clientId)
                .cleanSession(cleanSession)
                .keepAlive(keepAliveSeconds);
        if (user != null) {
            b.hasUser(true).username(user);
        }
        if (pass != null) {
            b.hasPassword(true).password(pass.getBytes(StandardCharsets.UTF_8));
        }
        send(b.build());
        return (MqttConnAckMessage) expect(MqttMessageType.CONNACK, Duration.ofSeconds(5));
    }

    /** CONNECT with a will message; returns the CONNACK, or null if the broker closed without one. */
    MqttConnAckMessage connectWithWill(String clientId, String user, String pass, String willTopic, byte[] willPayload,
                                       int willQos) {
        MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId(clientId)
                .cleanSession(true)
                .keepAlive(30)
                .willFlag(true)
                .willTopic(willTopic)
                .willMessage(willPayload)
                .willQoS(MqttQoS.valueOf(willQos));
        if (user != null) {
            b.hasUser(true).username(user);
        }
        if (pass != null) {
            b.hasPassword(true).password(pass.getBytes(StandardCharsets.UTF_8));
        }
        send(b.build());
        return (MqttConnAckMessage) expect(MqttMessageType.CONNACK, Duration.ofSeconds(5));
    }

    /** SUBSCRIBE one filter; returns the SUBACK return code. */
    int subscribe(int packetId, String filter, int qos) {
        send(MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(MqttQoS.valueOf(qos), filter).build());
        MqttSubAckMessage ack = (MqttSubAckMessage) expect(MqttMessageType.SUBACK, Duration.ofSeconds(5));
        if (ack == null) {
            throw new AssertionError("no SUBACK for " + filter + ": connection closed");
        }
        return ack.payload().reasonCodes().get(0);
    }

    void publish(String topic, int qos, int packetId, byte[] payload, boolean dup) {
        MqttFixedHeader h = new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), false, 0);
        send(new MqttPublishMessage(h, new MqttPublishVariableHeader(topic, qos == 0 ? -1 : packetId),
                Unpooled.wrappedBuffer(payload)));
    }

    void pubAck(int packetId) {
        sendIdOnly(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE, packetId);
    }

    void pubRel(int packetId) {
        sendIdOnly(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE, packetId);
    }

    void disconnect() {
        send(new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0)));
    }

    private void sendIdOnly(MqttMessageType type, MqttQoS qos, int packetId) {
        send(new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0), MqttMessageIdVariableHeader.from(packetId)));
    }

    /**
     * Like {@link #send}, but a broker closing the connection mid-write (as it may for an
     * oversize frame) is an answer, not an error. @return whether the whole packet was written
     */
    boolean trySend(MqttMessage m) {
        try {
            send(m);
            return true;
        } catch (AssertionError e) {
            if (e.getCause() instanceof IOException) {
                eof = true;
                return false;
            }
            throw e;
        }
    }

    void send(MqttMessage m) {
        encoder.writeOutbound(m);
        try {
            for (ByteBuf b = encoder.readOutbound(); b != null; b = encoder.readOutbound()) {
                try {
                    out.write(ByteBufUtil.getBytes(b));
                } finally {
                    b.release();
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new AssertionError("cannot write " + m.fixedHeader().messageType() + ": " + e, e);
        }
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next packet of the given type, keeping others in {@link #skipped()}; null on timeout or close. */
    MqttMessage expect(MqttMessageType type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            MqttMessage m = read(Duration.ofNanos(left));
            if (m == null) {
                return null;
            }
            if (m.fixedHeader().messageType() == type) {
                return m;
            }
            skipped.add(m);
        }
    }

    /** PUBLISH packets read so far (also those skipped while waiting for something else), then new ones. */
    MqttPublishMessage expectPublish(Duration timeout) {
        for (int i = 0; i < skipped.size(); i++) {
            if (skipped.get(i) instanceof MqttPublishMessage p) {
                skipped.remove(i);
                return p;
            }
        }
        return (MqttPublishMessage) expect(MqttMessageType.PUBLISH, timeout);
    }

    List<MqttMessage> skipped() {
        return skipped;
    }

    /** The next packet, or null on timeout or when the broker closed the connection. */
    MqttMessage read(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[8192];
        while (true) {
            MqttMessage m = decoder.readInbound();
            if (m != null) {
                return detached(m);
            }
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (eof || leftMillis <= 0) {
                return null;
            }
            try {
                socket.setSoTimeout((int) Math.max(1, leftMillis));
                int n = in.read(buf);
                if (n < 0) {
                    eof = true;
                    continue;
                }
                decoder.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
            } catch (SocketTimeoutException e) {
                return null;
            } catch (IOException e) {
                eof = true; // reset by the broker
            }
        }
    }

    /** Reads and discards until the broker closes the connection; false if it is still open at the deadline. */
    boolean awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!eof) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            MqttMessage m = read(Duration.ofNanos(left));
            if (m != null) {
                skipped.add(m);
            }
        }
        return true;
    }

    /** Copies a PUBLISH payload out of the decoder's buffer so nothing pooled is held by the test. */
    private static MqttMessage detached(MqttMessage m) {
        if (m instanceof MqttPublishMessage p) {
            byte[] bytes = ByteBufUtil.getBytes(p.payload());
            p.release();
            return new MqttPublishMessage(p.fixedHeader(), p.variableHeader(), Unpooled.wrappedBuffer(bytes));
        }
        return m;
    }

    static String text(MqttPublishMessage p) {
        return p.payload().toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
    }
}
