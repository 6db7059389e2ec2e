package dev.lmqharness.load.sim;

import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.load.core.Props;
import dev.lmqharness.load.core.ShardRange;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters every simulation shares, from system properties. Each simulation passes its own
 * defaults (a smoke run is small, a nightly one large); any property given on the command line wins.
 *
 * <table>
 * <tr><td>mqtt.url</td><td>broker URL; unset = start the bundled broker</td></tr>
 * <tr><td>clients</td><td>virtual users (MQTT clients) of the main scenario</td></tr>
 * <tr><td>rate</td><td>messages per second per publishing client (20 is the documented ceiling, LMQ-TPS-1)</td></tr>
 * <tr><td>duration</td><td>how long publishers publish</td></tr>
 * <tr><td>ramp</td><td>how long it takes to start all clients</td></tr>
 * <tr><td>qos</td><td>0, 1 or 2</td></tr>
 * <tr><td>payload.size</td><td>bytes per message (28-byte header included)</td></tr>
 * <tr><td>shard, shards, shard.size</td><td>this injector's share of the client-ID space</td></tr>
 * <tr><td>slo.p99.ms</td><td>end-to-end p99 bound the assertions check</td></tr>
 * <tr><td>results.dir</td><td>where summary.json and latency.hlog go</td></tr>
 * </table>
 */
public record LoadParameters(String url, int clients, double rate, Duration duration, Duration ramp, int qos,
                             int payloadSize, int keepAliveSeconds, int nettyThreads, ShardRange shard,
                             long sloP99Millis, Duration drainTimeout, String resultsDir, Duration hlogInterval) {

    /** Defaults of one simulation. */
    public record Defaults(int clients, double rate, Duration duration, Duration ramp, int qos, int payloadSize,
                           long sloP99Millis) {
    }

    public static LoadParameters from(Props p, Defaults d) {
        String url = p.raw("mqtt.url");
        if (url != null) {
            BrokerAddress.parse(url); // fail fast, naming the problem
        }
        int shards = p.integer("shards", 1, 1, 1024);
        int shard = p.integer("shard", 0, 0, shards - 1);
        long shardSize = p.longValue("shard.size", ShardRange.DEFAULT_SIZE, 1, Long.MAX_VALUE / shards);
        int clients = p.integer("clients", d.clients(), 1, 1_000_000);
        if (clients > shardSize) {
            throw new IllegalArgumentException("-Dclients=" + clients + " does not fit -Dshard.size=" + shardSize);
        }
        Duration drain = p.duration("drain.timeout", Duration.ofSeconds(30));
        return new LoadParameters(url, clients,
                p.decimal("rate", d.rate(), 0.001, 10_000),
                p.duration("duration", d.duration()),
                p.duration("ramp", d.ramp()),
                p.qos("qos", d.qos()),
                p.integer("payload.size", d.payloadSize(), 28, 268_435_455),
                p.integer("keepalive", 60, 0, 65535),
                p.integer("netty.threads", 2, 1, 64),
                new ShardRange(shard, shards, shardSize),
                p.longValue("slo.p99.ms", d.sloP99Millis(), 1, 3_600_000),
                drain,
                p.string("results.dir", null),
                p.duration("hlog.interval", Duration.ofSeconds(1)));
    }

    /** Time between two publishes of one client. */
    public Duration pace() {
        return Duration.ofNanos(Math.round(1e9 / rate));
    }

    /** Publishes of one client over the duration. */
    public long messagesPerClient() {
        return Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mqtt.url", url == null ? "bundled" : url);
        m.put("clients", Integer.toString(clients));
        m.put("rate", Double.toString(rate));
        m.put("duration", duration.toString());
        m.put("ramp", ramp.toString());
        m.put("qos", Integer.toString(qos));
        m.put("payload.size", Integer.toString(payloadSize));
        m.put("keepalive", Integer.toString(keepAliveSeconds));
        m.put("netty.threads", Integer.toString(nettyThreads));
        m.put("shard", Integer.toString(shard.index()));
        m.put("shards", Integer.toString(shard.count()));
        m.put("shard.size", Long.toString(shard.size()));
        m.put("slo.p99.ms", Long.toString(sloP99Millis));
        m.put("drain.timeout", drainTimeout.toString());
        return m;
    }
}
