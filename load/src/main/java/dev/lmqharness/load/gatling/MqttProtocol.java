package dev.lmqharness.load.gatling;

import dev.lmqharness.load.core.ClientIdPattern;
import dev.lmqharness.kit.auth.Credentials;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.load.core.ShardRange;
import dev.lmqharness.load.results.RunMetrics;
import io.gatling.core.protocol.Protocol;

import java.time.Duration;

/** The immutable MQTT protocol configuration of a simulation; build it with {@link MqttProtocolBuilder}. */
public record MqttProtocol(BrokerAddress url,
                           ClientIdPattern clientIds,
                           boolean cleanSession,
                           int keepAliveSeconds,
                           int qos,
                           Credentials credentials,
                           ReconnectPolicy reconnect,
                           Duration connectTimeout,
                           Duration ackTimeout,
                           int nettyThreads,
                           boolean trustAllCertificates,
                           int payloadSize,
                           ShardRange shard,
                           RunMetrics metrics) implements Protocol {
}
