package dev.lmqharness.suite.tests.lmq;

import dev.lmqharness.kit.client.AppClient;
import dev.lmqharness.kit.client.ClientKind;
import dev.lmqharness.kit.client.ConnectOutcome;
import dev.lmqharness.suite.junit.BothClients;
import dev.lmqharness.suite.junit.ConformanceTest;
import dev.lmqharness.kit.rules.Rule;
import dev.lmqharness.suite.junit.SuiteContext;
import dev.lmqharness.suite.broker.Limits;
import dev.lmqharness.suite.broker.TargetConfig;
import dev.lmqharness.kit.auth.UserPass;
import dev.lmqharness.kit.wire.PacketFormat;
import dev.lmqharness.kit.wire.Packets;
import dev.lmqharness.kit.wire.RawMqttClient;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.lmqharness.suite.tests.support.Checks.code;
import static dev.lmqharness.suite.tests.support.Checks.message;
import static dev.lmqharness.suite.tests.support.Checks.utf8;
import static dev.lmqharness.suite.tests.support.LmqChecks.padTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Client IDs and Group IDs (LMQ-CID-1..4, LMQ-GID-1). A refusal may be any CONNACK code or a closed socket. */
@ConformanceTest(area = "identity")
class IdentityTest {

    /** Connects each candidate; returns the outcome per ID (null = the client library refused it locally). */
    private static Map<String, ConnectOutcome> attempts(SuiteContext ctx, ClientKind kind, List<String> ids) {
        Map<String, ConnectOutcome> out = new LinkedHashMap<>();
        for (String id : ids) {
            out.put(id, ctx.tryConnect(kind, id, true));
        }
        if (out.values().stream().allMatch(o -> o == null)) {
            ctx.skip(kind + " refuses every one of these client IDs locally, so the broker was never asked");
        }
        return out;
    }

    private static void assertAllRefused(Map<String, ConnectOutcome> outcomes, String why) {
        List<String> accepted = new ArrayList<>();
        outcomes.forEach((id, o) -> {
            if (o != null && o.accepted()) {
                accepted.add("'" + id + "'");
            }
        });
        assertThat(accepted).as("client IDs accepted although %s", why).isEmpty();
    }

    private static String prefix(SuiteContext ctx) {
        return ctx.target().naming().groupId() + "@@@" + ctx.target().naming().deviceId();
    }

    @BothClients
    @Rule("LMQ-CID-1")
    void clientIdOfTheMaximumLengthIsAcceptedAndLongerRefused(ClientKind kind, SuiteContext ctx) {
        int max = ctx.limits().getInt(Limits.Name.CLIENT_ID_MAX_LENGTH);
        String longest = padTo(prefix(ctx), max);
        ConnectOutcome ok = ctx.tryConnect(kind, longest, true);
        if (ok == null) {
            ctx.skip(kind + " refuses a " + max + "-character client ID locally");
        }
        assertThat(ok.accepted()).as("a client ID of exactly %d characters: %s", max, ok).isTrue();
        assertAllRefused(attempts(ctx, kind, List.of(padTo(prefix(ctx), max + 1))), "they are longer than " + max + " characters");
    }

    @BothClients
    @Rule("LMQ-CID-2")
    void clientIdWithForbiddenCharactersIsRefused(ClientKind kind, SuiteContext ctx) {
        List<String> ids = new ArrayList<>();
        for (String bad : new String[] {"/", ":", ",", "%", " ", "\u0001", "\u007f", "\t", ".", "\u00e9"}) {
            ids.add(prefix(ctx) + bad + "x");
        }
        assertAllRefused(attempts(ctx, kind, ids), "they contain characters outside 0-9 a-z A-Z - _ and @@@");
        ConnectOutcome ok = ctx.tryConnect(kind, prefix(ctx) + "-_Az09", true);
        assertThat(ok == null || ok.accepted()).as("a client ID with '-', '_', letters and digits: %s", ok).isTrue();
    }

    @BothClients
    @Rule("LMQ-CID-3")
    void clientIdWithoutTheGroupSeparatorIsRefused(ClientKind kind, SuiteContext ctx) {
        String group = ctx.target().naming().groupId();
        String device = ctx.target().naming().deviceId();
        assertAllRefused(attempts(ctx, kind, List.of(group + device, group + "@@" + device, "@@@" + device,
                        group + "@@@", group + "@@@" + device + "@@@x")),
                "they are not <GroupID>@@@<DeviceID> (no separator, a short one, no Group ID, no Device ID, two separators)");
    }

    @BothClients
    @Rule("LMQ-GID-1")
    void unknownOrMalformedGroupIdIsRefused(ClientKind kind, SuiteContext ctx) {
        String device = ctx.target().naming().deviceId();
        List<String> ids = List.of(
                "GID_never" + ctx.target().naming().namespace() + "x@@@" + device,   // well-formed, never created
                "GID_a@@@" + device,                                                   // shorter than 7 characters
                "XYZ_" + ctx.target().naming().namespace() + "@@@" + device);          // wrong prefix
        assertAllRefused(attempts(ctx, kind, ids), "their Group ID is unknown, too short or lacks the GID_/GID- prefix");
        ConnectOutcome ok = ctx.tryConnect(kind, ctx.clientId(), true);
        assertThat(ok == null || ok.accepted()).as("the configured Group ID: %s", ok).isTrue();
    }

    @BothClients
    @Rule("LMQ-CID-4")
    void collisionKicksTheOlderConnection(ClientKind kind, SuiteContext ctx) {
        Duration kick = Duration.ofSeconds(ctx.limits().get(Limits.Name.COLLISION_KICK_SECONDS));
        String id = ctx.clientId();
        AppClient older = ctx.app(kind, id);
        ctx.connect(older, true);
        AppClient newer = ctx.app(kind, id);
        ctx.connect(newer, true);
        assertThat(older.awaitConnectionLost(kick)).as("older connection closed within %d s", kick.toSeconds()).isTrue();
        // The newer one stays: still connected a full kick period later, and working.
        Awaitility.await("newer connection survives the kick period").pollDelay(kick).atMost(kick.plusSeconds(2))
                .until(() -> true);
        assertThat(newer.isConnected()).as("the newer connection stays connected").isTrue();
        String topic = ctx.topics().topic("kick");
        int qos = ctx.deliveryQos();
        assertThat(newer.subscribe(topic, qos)).containsExactly(qos);
        newer.publish(topic, utf8("alive"), qos, false);
        assertThat(message(newer, ctx).text()).isEqualTo("alive");
    }

    /**
     * Only a connection that is accepted takes the Client ID over: a CONNECT with the ID of a
     * connected client that the server refuses (a wrong signature) leaves the connected one alone.
     */
    @BothClients
    @Rule("LMQ-CID-4")
    void refusedConnectWithAConnectedClientIdDoesNotKickIt(ClientKind kind, SuiteContext ctx) {
        TargetConfig c = ctx.target().config();
        if (c.accessKey() == null || c.instanceId() == null) {
            ctx.skip("a CONNECT the target refuses needs signature credentials to get wrong: set lmq.accessKey and lmq.instanceId");
        }
        Duration kick = Duration.ofSeconds(ctx.limits().get(Limits.Name.COLLISION_KICK_SECONDS));
        String id = ctx.clientId();
        AppClient connected = ctx.app(kind, id);
        ctx.connect(connected, true);
        UserPass wrong = new UserPass("Signature|" + c.accessKey() + "|" + c.instanceId(), utf8("bm90LXRoZS1zaWduYXR1cmU="));
        RawMqttClient impostor = ctx.raw();
        impostor.send(Packets.connect(ctx.connectSpec(id).withCredentials(wrong)));
        RawMqttClient.Received answer = impostor.nextReceived(ctx.timeout());
        if (answer != null && answer.type() == MqttMessageType.CONNACK && code((MqttConnAckMessage) answer.message()) == 0) {
            ctx.skip("the target accepted a CONNECT with a wrong signature (signature mode is judged by AuthTest), so no refused CONNECT could be made");
        }
        ctx.note("CONNECT with a wrong signature for " + id + ": "
                + (answer == null ? "closed without CONNACK" : PacketFormat.describe(answer.message())));
        assertThat(connected.awaitConnectionLost(kick))
                .as("the connected client was disconnected by a CONNECT with its Client ID that the server refused").isFalse();
        String topic = ctx.topics().topic("still");
        int qos = ctx.deliveryQos();
        assertThat(connected.subscribe(topic, qos)).containsExactly(qos);
        connected.publish(topic, utf8("still-here"), qos, false);
        assertThat(message(connected, ctx).text()).isEqualTo("still-here");
    }
}
