package dev.lmqharness.load.gatling;

import io.gatling.core.CoreComponents;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolKey;
import scala.Function1;

/** Gatling's handle to find the MQTT protocol and its components in a scenario. */
public final class MqttProtocolKey implements ProtocolKey<MqttProtocol, MqttComponents> {

    public static final MqttProtocolKey INSTANCE = new MqttProtocolKey();

    private MqttProtocolKey() {
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Protocol> protocolClass() {
        return (Class) MqttProtocol.class;
    }

    @Override
    public MqttProtocol defaultProtocolValue(GatlingConfiguration configuration) {
        throw new IllegalStateException("MQTT actions need an MQTT protocol: add .protocols(Mqtt.mqtt().url(...)) to setUp");
    }

    @Override
    public Function1<MqttProtocol, MqttComponents> newComponents(CoreComponents coreComponents) {
        return protocol -> new MqttComponents(protocol, coreComponents);
    }
}
