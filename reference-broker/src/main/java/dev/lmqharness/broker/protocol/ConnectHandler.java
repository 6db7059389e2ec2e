package dev.lmqharness.broker.protocol;

import dev.lmqharness.broker.session.ConnectRequest;
import dev.lmqharness.broker.session.SessionManager;
import dev.lmqharness.broker.session.WillMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/** The first packet: checks it, starts keep-alive, and hands the connection to its session. */
final class ConnectHandler implements PacketHandler {

    private static final Logger log = LoggerFactory.getLogger(ConnectHandler.class);

    private final SessionManager sessions;
    private final KeepAlive keepAlive;

    ConnectHandler(SessionManager sessions, KeepAlive keepAlive) {
        this.sessions = sessions;
        this.keepAlive = keepAlive;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ChannelState state, MqttMessage message) {
        MqttConnectMessage connect = (MqttConnectMessage) message;
        MqttConnectVariableHeader h = connect.variableHeader();
        MqttConnectPayload p = connect.payload();
        ConnectChecks.Verdict v = ConnectChecks.check(h.isWillFlag(), h.willQos(), h.isWillRetain(),
                h.hasUserName(), h.hasPassword(), p.clientIdentifier(), h.isCleanSession());
        switch (v.action()) {
            case CLOSE -> {
                log.debug("closing {}: {}", ctx.channel(), v.reason());
                ctx.close();
                return;
            }
            case REFUSE -> {
                log.debug("refusing {}: {}", ctx.channel(), v.reason());
                state.connection.sendConnAck(v.returnCode(), false);
                return;
            }
            default -> {
            }
        }
        String clientId = p.clientIdentifier();
        if (clientId == null || clientId.isEmpty()) {
            clientId = "auto-" + UUID.randomUUID(); // MQTT-3.1.3-6: the server assigns a unique ID
        }
        WillMessage will = h.isWillFlag()
                ? new WillMessage(p.willTopic(), h.willQos(), h.isWillRetain(), orEmpty(p.willMessageInBytes()))
                : null;
        keepAlive.start(ctx, h.keepAliveTimeSeconds());
        state.clientId = clientId;
        sessions.connect(state.connection, new ConnectRequest(clientId, h.isCleanSession(),
                h.keepAliveTimeSeconds(), will, h.hasUserName() ? p.userName() : null,
                h.hasPassword() ? p.passwordInBytes() : null));
    }

    private static byte[] orEmpty(byte[] b) {
        return b == null ? new byte[0] : b;
    }
}
