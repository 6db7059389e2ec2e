package dev.lmqharness.broker.protocol;

import dev.lmqharness.broker.session.SessionManager;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;

/**
 * Enforces the packet order of a connection (CONNECT first and once) and passes each packet to the
 * handler of its type. Any protocol violation or undecodable packet closes this connection only.
 */
@ChannelHandler.Sharable
final class MqttDispatcher extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(MqttDispatcher.class);

    private final SessionManager sessions;
    private final PacketHandler connectHandler;
    private final Map<MqttMessageType, PacketHandler> handlers = new EnumMap<>(MqttMessageType.class);

    MqttDispatcher(SessionManager sessions, KeepAlive keepAlive) {
        this.sessions = sessions;
        this.connectHandler = new ConnectHandler(sessions, keepAlive);
        handlers.put(MqttMessageType.PUBLISH, new PublishHandler(sessions));
        handlers.put(MqttMessageType.PUBACK, AckHandlers.pubAck(sessions));
        handlers.put(MqttMessageType.PUBREC, AckHandlers.pubRec(sessions));
        handlers.put(MqttMessageType.PUBREL, AckHandlers.pubRel(sessions));
        handlers.put(MqttMessageType.PUBCOMP, AckHandlers.pubComp(sessions));
        handlers.put(MqttMessageType.SUBSCRIBE, new SubscribeHandler(sessions));
        handlers.put(MqttMessageType.UNSUBSCRIBE, new UnsubscribeHandler(sessions));
        handlers.put(MqttMessageType.PINGREQ, new PingReqHandler(sessions));
        handlers.put(MqttMessageType.DISCONNECT, new DisconnectHandler(sessions));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().attr(ChannelState.KEY).set(new ChannelState(new ChannelConnection(ctx.channel())));
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            ChannelState state = ctx.channel().attr(ChannelState.KEY).get();
            if (!(msg instanceof MqttMessage m) || state == null) {
                ctx.close();
                return;
            }
            if (m.decoderResult().isFailure()) {
                onUndecodable(ctx, state, m.decoderResult().cause());
                return;
            }
            MqttMessageType type = m.fixedHeader().messageType();
            if (!state.connected()) {
                if (type != MqttMessageType.CONNECT) {
                    ctx.close(); // MQTT-3.1.0-1
                    return;
                }
                ConnectDeadline.met(ctx);
                connectHandler.handle(ctx, state, m);
                return;
            }
            PacketHandler h = handlers.get(type);
            if (h == null) {
                ctx.close(); // a second CONNECT (MQTT-3.1.0-2) or a packet only a server sends
                return;
            }
            h.handle(ctx, state, m);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onUndecodable(ChannelHandlerContext ctx, ChannelState state, Throwable cause) {
        log.debug("undecodable packet on {}: {}", ctx.channel(), cause.toString());
        if (!state.connected() && cause instanceof MqttUnacceptableProtocolVersionException) {
            state.connection.sendConnAck(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION
                    .byteValue(), false); // MQTT-3.1.2-2
        } else if (!state.connected() && cause instanceof MqttIdentifierRejectedException) {
            state.connection.sendConnAck(ConnectChecks.IDENTIFIER_REJECTED, false);
        } else {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            log.debug("keep-alive timeout on {}", ctx.channel());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    /** The outbound buffer drained below its low water mark: the session may write again. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        ChannelState state = ctx.channel().attr(ChannelState.KEY).get();
        if (state != null && state.connected() && ctx.channel().isWritable()) {
            sessions.onWritable(state.connection, state.clientId);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ChannelState state = ctx.channel().attr(ChannelState.KEY).get();
        if (state != null && state.connected()) {
            sessions.connectionLost(state.connection, state.clientId, state.disconnectReceived);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("closing {} after {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
