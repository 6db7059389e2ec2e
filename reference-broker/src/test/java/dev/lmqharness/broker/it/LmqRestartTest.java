package dev.lmqharness.broker.it;

import dev.lmqharness.broker.trace.MessageTrace;
import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.lmqharness.broker.it.KitClients.TIMEOUT;
import static dev.lmqharness.broker.it.KitClients.next;
import static dev.lmqharness.broker.it.LmqInstance.PARENT;
import static dev.lmqharness.broker.it.LmqInstance.clientId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The LMQ profile on the durable store ({@code store.type: rocksdb}, in a temporary directory):
 * what the instance promises about messages still holds after the broker stopped and started on
 * the same data.
 */
@Timeout(60)
@DisplayName("LMQ profile on store.type rocksdb: message IDs and offline sessions survive a restart")
class LmqRestartTest {

    @TempDir
    Path dataDir;

    // The lambda reads dataDir when each test starts, after JUnit injected it.
    @RegisterExtension
    final BrokerFixture broker = BrokerFixture.of(b -> LmqInstance.on(b.tcpPort(0).rocksDb(dataDir), l -> l));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> messageIdsPublishedBy(String publisherId) {
        return broker.admin().recentTraces(null, publisherId, 1000).stream().map(MessageTrace::messageId).toList();
    }

    /** The IDs of {@code count} messages of {@code publisherId}, once all are traced (a QoS 0 publish returns when written). */
    private List<String> awaitMessageIds(String publisherId, int count) {
        await(count + " traced messages of " + publisherId).atMost(TIMEOUT)
                .until(() -> messageIdsPublishedBy(publisherId).size() >= count);
        return messageIdsPublishedBy(publisherId);
    }

    @Test
    @DisplayName("store.type rocksdb: message IDs handed out after a restart are new, for routed, unrouted and QoS 0 messages alike")
    void messageIdsStayUniqueAcrossARestart() {
        String topic = PARENT + "/ids";
        String pubId = clientId("id-pub");
        AppClient sub = broker.connected(ClientKind.HIVEMQ, clientId("id-sub"), true);
        assertThat(sub.subscribe(topic, 1)).containsExactly(1);
        AppClient pub = broker.connected(ClientKind.HIVEMQ, pubId, true);
        for (int i = 0; i < 5; i++) {
            pub.publish(topic, utf8("routed" + i), 1, false);
            pub.publish(PARENT + "/nobody", utf8("unrouted" + i), 1, false);
            pub.publish(topic, utf8("qos0-" + i), 0, false);
        }
        for (int i = 0; i < 10; i++) {
            next(sub);
        }
        List<String> before = awaitMessageIds(pubId, 15);
        assertThat(before).as("IDs before the restart").hasSize(15).doesNotHaveDuplicates();
        sub.close();
        pub.close();

        broker.restart();

        AppClient again = broker.connected(ClientKind.PAHO, pubId, true);
        for (int i = 0; i < 15; i++) {
            again.publish(PARENT + "/after", utf8("after" + i), i % 2, false);
        }
        List<String> after = awaitMessageIds(pubId, 15);
        assertThat(after).as("IDs issued after the restart").hasSize(15).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(before);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientKind.class)
    @DisplayName("store.type rocksdb: a cleanSession=false QoS 1 subscriber's offline messages and its subscription survive a restart")
    void offlineMessagesAndSubscriptionSurviveARestart(ClientKind kind) {
        String topic = PARENT + "/offline";
        String id = clientId("persistent");
        AppClient sub = broker.connected(kind, id, false);
        assertThat(sub.subscribe(topic, 1)).containsExactly(1);
        sub.disconnect();
        await("broker sees " + id + " offline").atMost(TIMEOUT).until(() -> !broker.admin().clientStatus(id).online());
        AppClient pub = broker.connected(ClientKind.HIVEMQ, clientId("pub"), true);
        for (int i = 1; i <= 3; i++) {
            pub.publish(topic, utf8("m" + i), 1, false);
        }
        await("3 messages queued for " + id).atMost(TIMEOUT)
                .until(() -> broker.admin().clientStatus(id).queuedMessages() == 3);
        pub.close();

        broker.restart();

        assertThat(broker.admin().clientStatus(id).queuedMessages()).as("queued after the restart").isEqualTo(3);
        AppClient back = broker.client(kind, id);
        assertThat(KitClients.connect(back, false)).as("session present after the restart").isTrue();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add(next(back).text());
        }
        assertThat(got).as("offline messages, in order").containsExactly("m1", "m2", "m3");

        AppClient pub2 = broker.connected(ClientKind.HIVEMQ, clientId("pub"), true);
        pub2.publish(topic, utf8("after-restart"), 1, false);
        assertThat(next(back).text()).as("the subscription still matches without re-subscribing").isEqualTo("after-restart");
    }
}
