package dev.lmqharness.broker.lmq;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Turns "nothing more arrives" into a bounded, deterministic check without sleeping: a marker
 * message from the same publisher, on the same QoS1 path to the same subscriber, arrives after
 * everything that publisher sent earlier (LMQ-MSG-2) and after anything the broker queued for the
 * subscriber at connect. Once the marker is in, a message that has not arrived is not coming.
 */
final class Markers {

    private Markers() {
    }

    static void flush(TestMqttClient subscriber, TestMqttClient publisher) {
        String topic = LmqTestBroker.PARENT + "/marker/" + UUID.randomUUID().toString().substring(0, 8);
        // QoS0 where the broker grants only that (Lite): still one FIFO path per subscriber
        assertThat(subscriber.subscribe(topic, 1)).as("marker subscription").isIn(0, 1);
        publisher.publish(topic, "marker", 1);
        subscriber.inbox().awaitOne(topic);
    }
}
