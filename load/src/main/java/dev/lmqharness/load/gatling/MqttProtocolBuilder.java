package dev.lmqharness.load.gatling;

import dev.lmqharness.load.core.ClientIdPattern;
import dev.lmqharness.kit.auth.Credentials;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.load.core.PayloadCodec;
import dev.lmqharness.load.core.ShardRange;
import dev.lmqharness.load.results.RunMetrics;
import io.gatling.core.protocol.Protocol;
import io.gatling.javaapi.core.ProtocolBuilder;

import java.time.Duration;

/**
 * {@code mqtt().url("tcp://127.0.0.1:1883").clientId("GID_x@@@{scenario}-{n}").qos(1)...}: the
 * protocol of a simulation. Immutable; every method returns a new builder. The {@link RunMetrics}
 * are created with the first builder and shared by all builders derived from it, so the simulation
 * can read them at the end of the run.
 */
public final class MqttProtocolBuilder implements ProtocolBuilder {

    private final BrokerAddress url;
    private final ClientIdPattern clientIds;
    private final boolean cleanSession;
    private final int keepAliveSeconds;
    private final int qos;
    private final Credentials credentials;
    private final ReconnectPolicy reconnect;
    private final Duration connectTimeout;
    private final Duration ackTimeout;
    private final int nettyThreads;
    private final boolean trustAll;
    private final int payloadSize;
    private final ShardRange shard;
    private final RunMetrics metrics;

    MqttProtocolBuilder() {
        this(BrokerAddress.parse("tcp://127.0.0.1:1883"), new ClientIdPattern(ClientIdPattern.DEFAULT), true, 60, 1,
                Credentials.none(), ReconnectPolicy.none(), Duration.ofSeconds(10), Duration.ofSeconds(10), 2, false,
                128, ShardRange.single(), new RunMetrics());
    }

    private MqttProtocolBuilder(BrokerAddress url, ClientIdPattern clientIds, boolean cleanSession, int keepAliveSeconds,
                                int qos, Credentials credentials, ReconnectPolicy reconnect, Duration connectTimeout,
                                Duration ackTimeout, int nettyThreads, boolean trustAll, int payloadSize,
                                ShardRange shard, RunMetrics metrics) {
        this.url = url;
        this.clientIds = clientIds;
        this.cleanSession = cleanSession;
        this.keepAliveSeconds = keepAliveSeconds;
        this.qos = qos;
        this.credentials = credentials;
        this.reconnect = reconnect;
        this.connectTimeout = connectTimeout;
        this.ackTimeout = ackTimeout;
        this.nettyThreads = nettyThreads;
        this.trustAll = trustAll;
        this.payloadSize = payloadSize;
        this.shard = shard;
        this.metrics = metrics;
    }

    private MqttProtocolBuilder copy(BrokerAddress url, ClientIdPattern clientIds, boolean cleanSession, int keepAlive, int qos,
                                     Credentials credentials, ReconnectPolicy reconnect, Duration connectTimeout,
                                     Duration ackTimeout, int nettyThreads, boolean trustAll, int payloadSize, ShardRange shard) {
        return new MqttProtocolBuilder(url, clientIds, cleanSession, keepAlive, qos, credentials, reconnect,
                connectTimeout, ackTimeout, nettyThreads, trustAll, payloadSize, shard, metrics);
    }

    /** tcp://, ssl://, ws:// or wss:// (see {@link BrokerAddress}). */
    public MqttProtocolBuilder url(String brokerUrl) {
        return copy(BrokerAddress.parse(brokerUrl), clientIds, cleanSession, keepAliveSeconds, qos, credentials, reconnect,
                connectTimeout, ackTimeout, nettyThreads, trustAll, payloadSize, shard);
    }

    /** Pattern with {@code {n}}, {@code {shard}}, {@code {scenario}} (see {@link ClientIdPattern}). */
    public MqttProtocolBuilder clientId(String pattern) {
        return copy(url, new ClientIdPattern(pattern), cleanSession, keepAliveSeconds, qos, credentials, reconnect,
                connectTimeout, ackTimeout, nettyThreads, trustAll, payloadSize, shard);
    }

    public MqttProtocolBuilder cleanSession(boolean clean) {
        return copy(url, clientIds, clean, keepAliveSeconds, qos, credentials, reconnect,
                connectTimeout, ackTimeout, nettyThreads, trustAll, payloadSize, shard);
    }

    /** Keep-alive in seconds; 0 turns it off. */
    public MqttProtocolBuilder keepAlive(int seconds) {
        if (seconds < 0 || seconds > 65535) {
            throw new IllegalArgumentException("keepAlive must be 0..65535 seconds: " + seconds);
        }
        return copy(url, clientIds, cleanSession, seconds, qos, credentials, reconnect,
                connectTimeout, ackTimeout, nettyThreads, trustAll, payloadSize, shard);
    }

    /** Default QoS of subscribe and publish actions. */
    public MqttProtocolBuilder qos(int q) {
        checkQos(q);
        return copy(url, clientIds, cleanSession, keepAliveSeconds, q, credentials, reconnect,
                connectTimeout, ackTimeout, nettyThreads, trustAll, payloadSize, shard);
    }

    public MqttProtocolBuilder credentials(Credentials c) {
        return copy(url, clientIds, cleanSession, keepAliveSeconds, qos, c, reconnect,
                connectTimeout, ackTimeout, nettyThreads, trustAll, payloadSize, shard);
    }

    public MqttProtocolBuilder credentials(String username, String password) {
        return credentials(Credentials.plain(username, password));
    }

    /** Signature mode (LMQ-AUTH-1). */
    public MqttProtocolBuilder signature(String accessKey, String secretKey, String instanceId) {
        return credentials(Credentials.signature(accessKey, secretKey, instanceId));
    }

    /** Token mode (LMQ-AUTH-2); {@code tokenPassword} like {@code R|<token>|W|<token>}. */
    public MqttProtocolBuilder token(String accessKey, String instanceId, String tokenPassword) {
        return credentials(Credentials.token(accessKey, instanceId, tokenPassword));
    }

    public MqttProtocolBuilder reconnect(ReconnectPolicy policy) {
        return copy(url, clientIds, cleanSession, keepAliveSeconds, qos, credentials, policy,
                connectTimeout, ackTimeout, nettyThreads, trustAll, payloadSize, shard);
    }

    public MqttProtocolBuilder reconnect(Duration initialDelay, Duration maxDelay) {
        return reconnect(ReconnectPolicy.exponential(initialDelay, maxDelay));
    }

    public MqttProtocolBuilder connectTimeout(Duration d) {
        requirePositive(d, "connectTimeout");
        return copy(url, clientIds, cleanSession, keepAliveSeconds, qos, credentials, reconnect,
                d, ackTimeout, nettyThreads, trustAll, payloadSize, shard);
    }

    /** How long publish and subscribe wait for their acknowledgement before they count as KO. */
    public MqttProtocolBuilder ackTimeout(Duration d) {
        requirePositive(d, "ackTimeout");
        return copy(url, clientIds, cleanSession, keepAliveSeconds, qos, credentials, reconnect,
                connectTimeout, d, nettyThreads, trustAll, payloadSize, shard);
    }

    /** Netty threads shared by every client of the simulation (default 2). */
    public MqttProtocolBuilder nettyThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("nettyThreads must be at least 1: " + n);
        }
        return copy(url, clientIds, cleanSession, keepAliveSeconds, qos, credentials, reconnect,
                connectTimeout, ackTimeout, n, trustAll, payloadSize, shard);
    }

    /** Accept any server certificate on ssl:// and wss:// (for self-signed test brokers only). */
    public MqttProtocolBuilder trustAllCertificates() {
        return copy(url, clientIds, cleanSession, keepAliveSeconds, qos, credentials, reconnect,
                connectTimeout, ackTimeout, nettyThreads, true, payloadSize, shard);
    }

    /** Default payload size of publish actions, at least the 28-byte header. */
    public MqttProtocolBuilder payloadSize(int bytes) {
        checkPayloadSize(bytes);
        return copy(url, clientIds, cleanSession, keepAliveSeconds, qos, credentials, reconnect,
                connectTimeout, ackTimeout, nettyThreads, trustAll, bytes, shard);
    }

    /** This injector's shard: its client numbers are {@code [index * size, (index + 1) * size)}. */
    public MqttProtocolBuilder shard(ShardRange range) {
        return copy(url, clientIds, cleanSession, keepAliveSeconds, qos, credentials, reconnect,
                connectTimeout, ackTimeout, nettyThreads, trustAll, payloadSize, range);
    }

    public RunMetrics metrics() {
        return metrics;
    }

    public MqttProtocol build() {
        return new MqttProtocol(url, clientIds, cleanSession, keepAliveSeconds, qos, credentials, reconnect,
                connectTimeout, ackTimeout, nettyThreads, trustAll, payloadSize, shard, metrics);
    }

    @Override
    public Protocol protocol() {
        return build();
    }

    static void checkQos(int q) {
        if (q < 0 || q > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + q);
        }
    }

    static void checkPayloadSize(int bytes) {
        if (bytes < PayloadCodec.HEADER_BYTES || bytes > 268_435_455) {
            throw new IllegalArgumentException("payload size must be " + PayloadCodec.HEADER_BYTES
                    + "..268435455 bytes: " + bytes);
        }
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }
}
