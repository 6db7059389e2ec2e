package dev.lmqharness.load.gatling;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import dev.lmqharness.load.results.RunMetrics;
import io.gatling.core.CoreComponents;
import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.session.Session;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.reactivex.schedulers.Schedulers;
import scala.Function1;
import scala.runtime.BoxedUnit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every MQTT action of a run shares: the protocol, one HiveMQ executor configuration (so
 * thousands of clients share a couple of Netty threads and run callbacks on them, rather than on
 * RxJava's computation pool, which costs CPU and tail latency), client numbering and metrics.
 * At the end of each virtual user, its client is closed. Gatling creates one instance per
 * scenario; what must be unique in the whole run (publisher IDs, the ledger) lives in the shared
 * {@link RunMetrics}.
 */
public final class MqttComponents implements ProtocolComponents {

    /** Session attribute holding the user's {@link MqttUser}. */
    public static final String USER_ATTRIBUTE = "lmq.mqtt.user";
    /** Session attributes set by connect, for Expression Language. */
    public static final String CLIENT_ID_ATTRIBUTE = "mqttClientId";
    public static final String CLIENT_NUMBER_ATTRIBUTE = "mqttClientNumber";

    private final MqttProtocol protocol;
    private final CoreComponents core;
    private final MqttClientExecutorConfig executorConfig;
    private final MqttClientSslConfig sslConfig;
    private final Map<String, AtomicLong> clientCounters = new ConcurrentHashMap<>();

    MqttComponents(MqttProtocol protocol, CoreComponents core) {
        this.protocol = protocol;
        this.core = core;
        this.executorConfig = MqttClientExecutorConfig.builder()
                .nettyThreads(protocol.nettyThreads())
                .applicationScheduler(Schedulers.trampoline())
                .build();
        if (protocol.url().scheme().secure()) {
            var ssl = MqttClientSslConfig.builder();
            if (protocol.trustAllCertificates()) {
                ssl.trustManagerFactory(InsecureTrustManagerFactory.INSTANCE).hostnameVerifier((host, session) -> true);
            }
            this.sslConfig = ssl.build();
        } else {
            this.sslConfig = null;
        }
    }

    public MqttProtocol protocol() {
        return protocol;
    }

    public CoreComponents core() {
        return core;
    }

    public RunMetrics metrics() {
        return protocol.metrics();
    }

    MqttClientExecutorConfig executorConfig() {
        return executorConfig;
    }

    MqttClientSslConfig sslConfig() {
        return sslConfig;
    }

    /** The next client number of a scenario (0, 1, 2, ... then offset into the shard's range). */
    long nextClientNumber(String scenario) {
        long local = clientCounters.computeIfAbsent(scenario, s -> new AtomicLong()).getAndIncrement();
        return protocol.shard().clientNumber(local);
    }

    long nextPublisherId() {
        return metrics().nextPublisherId(protocol.shard().index());
    }

    @Override
    public Function1<Session, Session> onStart() {
        return session -> session;
    }

    @Override
    public Function1<Session, BoxedUnit> onExit() {
        return session -> {
            MqttUser.of(session).ifPresent(MqttUser::close);
            return BoxedUnit.UNIT;
        };
    }
}
