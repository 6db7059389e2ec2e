package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.kit.address.BrokerAddress;
import dev.lmqharness.kit.address.Scheme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** MQTT 3.1.1 over TCP, TLS, WebSocket and WebSocket over TLS (LMQ-NET-1). */
@ConformanceTest(area = "transport")
class TransportTest {

    static Stream<Arguments> transports() {
        List<Arguments> a = new ArrayList<>();
        for (Scheme s : Scheme.values()) {
            for (ClientKind k : ClientKind.values()) {
                a.add(Arguments.of(s, k));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transports")
    @Rule("LMQ-NET-1")
    void mqttWorksOverEachTransport(Scheme scheme, ClientKind kind, SuiteContext ctx) {
        BrokerAddress ep = ctx.target().endpoint(scheme).orElseGet(() -> {
            String note = ctx.target().note().isEmpty() ? "" : " (" + ctx.target().note() + ")";
            ctx.skip("the target has no " + scheme.prefix() + ":// endpoint; set lmq.url." + scheme.prefix() + note);
            return null;
        });
        String topic = ctx.topics().topic(scheme.prefix());
        AppClient c = ctx.app(kind, ctx.clientId(), ep);
        ctx.connect(c, true);
        int qos = ctx.deliveryQos();
        assertThat(c.subscribe(topic, qos)).containsExactly(qos);
        c.publish(topic, utf8("over-" + scheme.prefix()), qos, false);
        assertThat(message(c, ctx).text()).isEqualTo("over-" + scheme.prefix());
    }
}
