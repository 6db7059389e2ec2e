package dev.lmqharness.load.gatling;

import io.gatling.javaapi.core.Session;

import java.time.Duration;
import java.util.function.Function;

/**
 * The MQTT DSL for Gatling simulations, in the style of Gatling's own modules:
 * <pre>{@code
 * import static dev.lmqharness.load.gatling.Mqtt.*;
 *
 * MqttProtocolBuilder protocol = mqtt().url("tcp://127.0.0.1:1883").qos(1);
 * ScenarioBuilder s = scenario("fleet")
 *     .exec(mqtt("connect").connect())
 *     .exec(mqtt("subscribe").subscribe("lmqload/fleet/#{mqttClientNumber}"))
 *     .during(Duration.ofSeconds(60)).on(pace(Duration.ofMillis(50)).exec(
 *         mqtt("publish").publish("lmqload/fleet/#{mqttClientNumber}")))
 *     .exec(mqtt("drain").awaitDelivered())
 *     .exec(mqtt("disconnect").disconnect());
 * }</pre>
 */
public final class Mqtt {

    private Mqtt() {
    }

    /** A protocol with defaults: tcp://127.0.0.1:1883, QoS 1, clean session, keep-alive 60 s. */
    public static MqttProtocolBuilder mqtt() {
        return new MqttProtocolBuilder();
    }

    /** Actions whose responses are recorded under {@code requestName}. */
    public static Requests mqtt(String requestName) {
        if (requestName == null || requestName.isBlank()) {
            throw new IllegalArgumentException("request name is empty");
        }
        return new Requests(requestName);
    }

    /** The client number {@code connect} gave this user (shard base included). */
    public static long clientNumber(Session session) {
        return session.getLong(MqttComponents.CLIENT_NUMBER_ATTRIBUTE);
    }

    /** The actions. */
    public static final class Requests {
        private final String name;

        private Requests(String name) {
            this.name = name;
        }

        public ConnectBuilder connect() {
            return new ConnectBuilder(name, null, null, null);
        }

        public SubscribeBuilder subscribe(String filterExpression) {
            return new SubscribeBuilder(name, SessionString.el(filterExpression), null, true);
        }

        public SubscribeBuilder subscribe(Function<Session, String> filter) {
            return new SubscribeBuilder(name, SessionString.of(filter), null, true);
        }

        public PublishBuilder publish(String topicExpression) {
            return new PublishBuilder(name, SessionString.el(topicExpression), null, null, false, true);
        }

        public PublishBuilder publish(Function<Session, String> topic) {
            return new PublishBuilder(name, SessionString.of(topic), null, null, false, true);
        }

        /** Await the next {@code count} messages of this client (default timeout 10 s). */
        public ExpectBuilder expect(int count) {
            return new ExpectBuilder(name, count, Duration.ofSeconds(10));
        }

        /** Await the next message of this client. */
        public ExpectBuilder awaitMessage() {
            return expect(1);
        }

        /** Await every message this client should have (default: no minimum of publishers, 30 s); ends this user's publishing. */
        public AwaitDeliveredBuilder awaitDelivered() {
            return new AwaitDeliveredBuilder(name, 0, Duration.ofSeconds(30));
        }

        public AwaitSubscribersBuilder awaitSubscribers(String topicExpression, int count) {
            return new AwaitSubscribersBuilder(name, SessionString.el(topicExpression), count, Duration.ofSeconds(60));
        }

        public AwaitSubscribersBuilder awaitSubscribers(Function<Session, String> topic, int count) {
            return new AwaitSubscribersBuilder(name, SessionString.of(topic), count, Duration.ofSeconds(60));
        }

        public ListenBuilder listen(String filterExpression) {
            return new ListenBuilder(name, SessionString.el(filterExpression));
        }

        public ListenBuilder listen(Function<Session, String> filter) {
            return new ListenBuilder(name, SessionString.of(filter));
        }

        public DisconnectBuilder disconnect() {
            return new DisconnectBuilder(name);
        }

        /** Marks the end of this user's publishing (see {@code awaitDelivered().afterPublishers}). */
        public io.gatling.javaapi.core.ActionBuilder endPublishing() {
            return () -> (ctx, next) -> new EndPublishingAction(name, ctx, next);
        }

        /**
         * A verdict of the simulation's own making as a response: {@code problem} returns null for
         * OK or the reason of a KO. Runs on the user's event loop; keep it short.
         */
        public io.gatling.javaapi.core.ActionBuilder check(java.util.function.Supplier<String> problem) {
            return () -> (ctx, next) -> new CheckAction(name, problem, ctx, next);
        }
    }
}
