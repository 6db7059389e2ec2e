package dev.lmqharness.load.gatling;

import dev.lmqharness.load.core.ClientIdPattern;
import dev.lmqharness.load.core.Credentials;
import dev.lmqharness.load.core.MqttUrl;
import dev.lmqharness.load.core.ShardRange;
import dev.lmqharness.load.results.RunMetrics;
import io.gatling.core.protocol.Protocol;

import java.time.Duration;

/** The immutable MQTT protocol configuration of a simulation; build it with {@link MqttProtocolBuilder}. */
public record MqttProtocol(MqttUrl url,
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
