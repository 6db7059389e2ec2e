package dev.lmqharness.kit.wire;

import dev.lmqharness.kit.address.BrokerAddress;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A packet-level MQTT client for what only the wire shows: malformed packets, reserved bits,
 * exact packet order. Blocking calls with explicit timeouts; every packet in either direction goes
 * to the test's {@link ExchangeLog}. Works over tcp, ssl, ws and wss (TLS trusts any certificate:
 * the suite tests brokers, it does not authenticate them).
 */
public final class RawMqttClient implements AutoCloseable {

    /** Largest packet the suite accepts from a server (payload limit tests go to 64 KB and beyond). */
    private static final int MAX_INBOUND_PACKET = 1024 * 1024;
    private static final Object CLOSED = new Object();

    private final String label;
    private final ExchangeLog log;
    private final BlockingDeque<Object> inbound = new LinkedBlockingDeque<>();
    private final ConcurrentLinkedQueue<FrameSplitter.RawHeader> headers = new ConcurrentLinkedQueue<>();
    private final List<Received> history = Collections.synchronizedList(new ArrayList<>());
    private final List<String> flagViolations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger nextPacketId = new AtomicInteger(1);
    private volatile Channel channel;
    private volatile WebSocketClientProtocolHandler wsHandler;
    private volatile boolean closedByUs;

    /** One packet from the server with the raw first byte of its fixed header. */
    public record Received(MqttMessage message, int firstByte, int remainingLength, long atNanos) {
        public MqttMessageType type() {
            return message.fixedHeader().messageType();
        }
    }

    private RawMqttClient(String label, ExchangeLog log) {
        this.label = label;
        this.log = log;
    }

    /** Opens the network connection (and the TLS / WebSocket handshakes); sends nothing. */
    public static RawMqttClient open(BrokerAddress endpoint, ExchangeLog log, String label, Duration timeout) {
        return open(endpoint, null, log, label, timeout);
    }

    /**
     * As {@link #open(BrokerAddress, ExchangeLog, String, Duration)}, but over TLS it trusts exactly
     * what {@code trust} trusts and checks the host name against the certificate; {@code null}
     * trusts any certificate, unchecked.
     */
    public static RawMqttClient open(BrokerAddress endpoint, TrustManagerFactory trust, ExchangeLog log, String label, Duration timeout) {
        RawMqttClient c = new RawMqttClient(label, log);
        c.connectTransport(endpoint, trust, timeout);
        return c;
    }

    private void connectTransport(BrokerAddress ep, TrustManagerFactory trust, Duration timeout) {
        SslContext ssl = null;
        if (ep.scheme().secure()) {
            try {
                ssl = trust == null
                        ? SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build()
                        : SslContextBuilder.forClient().trustManager(trust).endpointIdentificationAlgorithm("HTTPS").build();
            } catch (SSLException e) {
                throw new TransportException("TLS setup failed: " + e.getMessage());
            }
        }
        SslContext sslContext = ssl;
        Promise<Void> ready = NettyResources.group().next().newPromise();
        Bootstrap b = new Bootstrap()
                .group(NettyResources.group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (sslContext != null) {
                            p.addLast("ssl", sslContext.newHandler(ch.alloc(), ep.host(), ep.port()));
                        }
                        if (ep.scheme().websocket()) {
                            URI uri = URI.create((ep.scheme().secure() ? "wss" : "ws") + "://" + ep.host() + ":" + ep.port() + ep.path());
                            WebSocketClientProtocolConfig cfg = WebSocketClientProtocolConfig.newBuilder()
                                    .webSocketUri(uri).version(WebSocketVersion.V13).subprotocol("mqtt")
                                    .maxFramePayloadLength(MAX_INBOUND_PACKET).handshakeTimeoutMillis(timeout.toMillis())
                                    .dropPongFrames(true).build();
                            wsHandler = new WebSocketClientProtocolHandler(cfg);
                            p.addLast("http", new HttpClientCodec());
                            p.addLast("aggregator", new HttpObjectAggregator(65536));
                            p.addLast("ws", wsHandler);
                            p.addLast("wsToBytes", new WsFrameToBytes());
                            p.addLast("bytesToWs", new BytesToWsFrame());
                        }
                        p.addLast("splitter", new FrameSplitter(headers::add));
                        p.addLast("decoder", new MqttDecoder(MAX_INBOUND_PACKET));
                        p.addLast("encoder", MqttEncoder.INSTANCE);
                        p.addLast("collector", new Collector(ready, ep.scheme().websocket()));
                    }
                });
        ChannelFuture f = b.connect(ep.host(), ep.port());
        if (!f.awaitUninterruptibly(timeout.toMillis() + 1000) || !f.isSuccess()) {
            f.channel().close();
            Throwable cause = f.cause();
            throw new TransportException(ep.url() + ": " + describeCause(cause));
        }
        channel = f.channel();
        SslHandler sslHandler = channel.pipeline().get(SslHandler.class);
        if (sslHandler != null) {
            Future<Channel> hs = sslHandler.handshakeFuture();
            if (!hs.awaitUninterruptibly(timeout.toMillis()) || !hs.isSuccess()) {
                channel.close();
                throw new TransportException(ep.url() + ": TLS handshake failed: " + describeCause(hs.cause()));
            }
        }
        if (!ep.scheme().websocket()) {
            ready.trySuccess(null);
        }
        if (!ready.awaitUninterruptibly(timeout.toMillis()) || !ready.isSuccess()) {
            channel.close();
            throw new TransportException(ep.url() + ": WebSocket handshake failed: "
                    + (ready.cause() == null ? "timed out" : describeCause(ready.cause())));
        }
        log.record(label, "  ", "connected to " + ep.url() + " (local port "
                + ((java.net.InetSocketAddress) channel.localAddress()).getPort() + ")");
    }

    static String describeCause(Throwable t) {
        if (t == null) {
            return "timed out";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (msg.toLowerCase().contains("connection refused")) {
            return "connection refused";
        }
        return msg;
    }

    public String label() {
        return label;
    }

    public ExchangeLog log() {
        return log;
    }

    /** A fresh non-zero packet identifier for this connection. */
    public int nextPacketId() {
        int id = nextPacketId.getAndIncrement() & 0xFFFF;
        return id == 0 ? nextPacketId() : id;
    }

    // ---- sending -------------------------------------------------------------------------

    public void send(MqttMessage m) {
        log.record(label, "->", PacketFormat.describe(m));
        write(m);
    }

    /** Sends arbitrary bytes (malformed packets); {@code what} says what they are meant to be. */
    public void sendBytes(byte[] bytes, String what) {
        log.record(label, "->", what + " [" + RawBytes.hex(bytes, 64) + "]");
        write(Unpooled.wrappedBuffer(bytes));
    }

    /** Sends a WebSocket frame as it is (e.g. a text frame, MQTT-6.0.0-1). */
    public void sendFrame(WebSocketFrame frame, String what) {
        log.record(label, "->", what);
        write(frame);
    }

    private void write(Object msg) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            log.record(label, "  ", "(not sent: connection already closed)");
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        ChannelFuture f = ch.writeAndFlush(msg);
        f.awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (f.isDone() && !f.isSuccess() && ch.isActive()) {
            log.record(label, "  ", "write failed: " + describeCause(f.cause()));
        }
    }

    // ---- receiving -----------------------------------------------------------------------

    /** The next packet from the server, or null if none arrives in time or the connection closed. */
    public Received nextReceived(Duration timeout) {
        try {
            Object o = inbound.pollFirst(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (o == CLOSED) {
                inbound.offerFirst(CLOSED);
                return null;
            }
            return (Received) o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public MqttMessage next(Duration timeout) {
        Received r = nextReceived(timeout);
        return r == null ? null : r.message();
    }

    /** The next packet must be of this type; anything else (or nothing) fails the test. */
    @SuppressWarnings("unchecked")
    public <T extends MqttMessage> T expect(MqttMessageType type, Duration timeout) {
        Received r = nextReceived(timeout);
        if (r == null) {
            throw new AssertionError(label + ": expected " + type + " within " + timeout.toMillis() + " ms but "
                    + (isOpen() ? "nothing arrived" : "the connection was closed"));
        }
        if (r.type() != type || r.message().decoderResult().isFailure()) {
            throw new AssertionError(label + ": expected " + type + " but received " + PacketFormat.describe(r.message()));
        }
        return (T) r.message();
    }

    /**
     * Waits for a packet of this type (and identifier, if {@code id >= 0}); packets that arrive
     * before it stay queued, in order, for the next call. For conveniences where the server may
     * legitimately interleave other packets (a PUBLISH before a SUBACK, a second PUBLISH before a PUBREL).
     */
    @SuppressWarnings("unchecked")
    public <T extends MqttMessage> T await(MqttMessageType type, int id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Received> skipped = new ArrayList<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Received r = left <= 0 ? null : nextReceived(Duration.ofNanos(left));
                if (r == null) {
                    throw new AssertionError(label + ": expected " + type + (id >= 0 ? " id=" + id : "") + " within "
                            + timeout.toMillis() + " ms but " + (isOpen() ? "it did not arrive" : "the connection was closed"));
                }
                if (r.type() == type && r.message().decoderResult().isSuccess()
                        && (id < 0 || ((MqttMessageIdVariableHeader) r.message().variableHeader()).messageId() == id)) {
                    return (T) r.message();
                }
                skipped.add(r);
            }
        } finally {
            for (int i = skipped.size() - 1; i >= 0; i--) {
                inbound.offerFirst(skipped.get(i));
            }
        }
    }

    public MqttPublishMessage expectPublish(Duration timeout) {
        return expect(MqttMessageType.PUBLISH, timeout);
    }

    /** No packet may arrive during {@code quiet} (the connection may stay open or close). */
    public void expectNoPacket(Duration quiet, String why) {
        Received r = nextReceived(quiet);
        if (r != null) {
            throw new AssertionError(label + ": " + why + ", but received " + PacketFormat.describe(r.message()));
        }
    }

    /** Waits until the server closes the connection; true if it did within the timeout. */
    public boolean awaitClosed(Duration timeout) {
        Channel ch = channel;
        return ch == null || ch.closeFuture().awaitUninterruptibly(timeout.toMillis());
    }

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /** Every packet received so far, in order. */
    public List<Received> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Server packets whose reserved fixed-header bits differ from Table 2.2 (MQTT-2.2.2-1). */
    public List<String> flagViolations() {
        synchronized (flagViolations) {
            return List.copyOf(flagViolations);
        }
    }

    /** The WebSocket sub-protocol the server selected, or null for plain TCP/TLS. */
    public String selectedSubprotocol() {
        WebSocketClientProtocolHandler h = wsHandler;
        return h == null ? null : h.handshaker().actualSubprotocol();
    }

    // ---- conveniences on top of send/expect ------------------------------------------------

    public MqttConnAckMessage connect(ConnectSpec spec, Duration timeout) {
        send(Packets.connect(spec));
        return expect(MqttMessageType.CONNACK, timeout);
    }

    /** Connects and requires return code 0. */
    public MqttConnAckMessage connectAccepted(ConnectSpec spec, Duration timeout) {
        MqttConnAckMessage ack = connect(spec, timeout);
        int rc = ack.variableHeader().connectReturnCode().byteValue() & 0xff;
        if (rc != 0) {
            throw new AssertionError(label + ": CONNECT refused with return code 0x" + Integer.toHexString(rc));
        }
        return ack;
    }

    /** Subscribes and returns the SUBACK codes (the SUBACK must carry the same packet ID). */
    public List<Integer> subscribe(Duration timeout, Packets.Sub... subs) {
        int id = nextPacketId();
        send(Packets.subscribe(id, subs));
        MqttSubAckMessage ack = await(MqttMessageType.SUBACK, id, timeout);
        return ack.payload().reasonCodes();
    }

    public List<Integer> subscribe(String filter, int qos, Duration timeout) {
        return subscribe(timeout, new Packets.Sub(filter, qos));
    }

    public void unsubscribe(Duration timeout, String... filters) {
        int id = nextPacketId();
        send(Packets.unsubscribe(id, filters));
        await(MqttMessageType.UNSUBACK, id, timeout);
    }

    /** Publishes and completes the QoS flow (PUBACK, or PUBREC/PUBREL/PUBCOMP). */
    public void publish(String topic, int qos, boolean retain, byte[] payload, Duration timeout) {
        int id = qos == 0 ? 0 : nextPacketId();
        send(Packets.publish(topic, qos, retain, id, payload));
        if (qos == 1) {
            await(MqttMessageType.PUBACK, id, timeout);
        } else if (qos == 2) {
            await(MqttMessageType.PUBREC, id, timeout);
            send(Packets.pubrel(id));
            await(MqttMessageType.PUBCOMP, id, timeout);
        }
    }

    public MqttMessage expectAck(MqttMessageType type, int id, Duration timeout) {
        MqttMessage ack = expect(type, timeout);
        int got = ((MqttMessageIdVariableHeader) ack.variableHeader()).messageId();
        if (got != id) {
            throw new AssertionError(label + ": " + type + " id " + got + " != expected " + id);
        }
        return ack;
    }

    /** Acknowledges a received PUBLISH as its QoS requires (QoS 2: PUBREC, PUBREL expected, PUBCOMP). */
    public void acknowledge(MqttPublishMessage p, Duration timeout) {
        int qos = p.fixedHeader().qosLevel().value();
        int id = p.variableHeader().packetId();
        if (qos == 1) {
            send(Packets.puback(id));
        } else if (qos == 2) {
            send(Packets.pubrec(id));
            await(MqttMessageType.PUBREL, id, timeout);
            send(Packets.pubcomp(id));
        }
    }

    /** Sends DISCONNECT and closes. */
    public void disconnect() {
        if (isOpen()) {
            send(Packets.disconnect());
        }
        close();
    }

    /** Closes the socket without DISCONNECT (a network failure, as far as the server can tell). */
    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null && ch.isOpen()) {
            closedByUs = true;
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    public static byte[] payloadOf(MqttPublishMessage p) {
        ByteBuf b = p.payload();
        return ByteBufUtil.getBytes(b, b.readerIndex(), b.readableBytes(), true);
    }

    // ---- pipeline pieces -----------------------------------------------------------------

    private final class Collector extends SimpleChannelInboundHandler<MqttMessage> {
        private final Promise<Void> ready;
        private final boolean websocket;

        Collector(Promise<Void> ready, boolean websocket) {
            this.ready = ready;
            this.websocket = websocket;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
            FrameSplitter.RawHeader h = headers.poll();
            MqttMessage kept = msg;
            if (msg instanceof MqttPublishMessage p && msg.decoderResult().isSuccess()) {
                kept = p.replace(Unpooled.wrappedBuffer(payloadOf(p)));
            }
            int first = h == null ? -1 : h.firstByte();
            Received r = new Received(kept, first, h == null ? -1 : h.remainingLength(), System.nanoTime());
            log.record(label, "<-", PacketFormat.describe(kept) + (h == null ? "" : String.format(" [0x%02x]", first)));
            checkFlags(r);
            history.add(r);
            inbound.offerLast(r);
        }

        private void checkFlags(Received r) {
            if (r.firstByte() < 0 || r.message().decoderResult().isFailure()) {
                return;
            }
            int flags = r.firstByte() & 0x0F;
            Integer expected = switch (r.type()) {
                case CONNACK, PUBACK, PUBREC, PUBCOMP, SUBACK, UNSUBACK, PINGRESP -> 0;
                case PUBREL -> 2;
                default -> null;
            };
            if (expected != null && flags != expected) {
                flagViolations.add(r.type() + " had flags 0x" + Integer.toHexString(flags) + ", expected 0x" + Integer.toHexString(expected));
            }
            if (r.type() == MqttMessageType.PUBLISH && ((flags >> 1) & 3) == 3) {
                flagViolations.add("PUBLISH with QoS bits 11");
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (websocket && evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ready.trySuccess(null);
            } else if (websocket && evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                ready.tryFailure(new TransportException("WebSocket handshake timed out"));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            log.record(label, "  ", closedByUs ? "connection closed by the suite" : "connection closed by the server");
            ready.tryFailure(new TransportException("connection closed during the handshake"));
            inbound.offerLast(CLOSED);
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.record(label, "  ", "transport error: " + describeCause(cause));
            ready.tryFailure(cause);
            ctx.close();
        }
    }

    /** Inbound WebSocket data frames to bytes; a text frame from the server is logged and dropped. */
    private final class WsFrameToBytes extends MessageToMessageDecoder<WebSocketFrame> {
        @Override
        protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
            if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
                out.add(frame.content().retain());
            } else if (frame instanceof TextWebSocketFrame) {
                log.record(label, "<-", "WebSocket TEXT frame (MQTT needs binary frames)");
            }
        }
    }

    /** Outbound bytes to binary WebSocket frames. */
    private static final class BytesToWsFrame extends MessageToMessageEncoder<ByteBuf> {
        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
            out.add(new BinaryWebSocketFrame(msg.retain()));
        }
    }
}
