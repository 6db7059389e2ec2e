package dev.lmqharness.suite.broker;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client IDs and topics of one run. Everything carries the run's namespace so that runs against a
 * shared broker never meet other users' sessions or messages, and each test gets its own topic
 * space so tests never see each other's retained messages. Names are valid under the target's
 * profile: plain MQTT uses short alphanumeric IDs (MQTT-3.1.3-5), LMQ uses
 * {@code <GroupID>@@@<DeviceID>} and {@code <parent>/...} (LMQ-CID-3, LMQ-TOPIC-3).
 */
public final class Naming {
    private final TargetProfile profile;
    private final String namespace;
    private final String groupId;
    private final String parentTopic;
    private final AtomicInteger clients = new AtomicInteger();
    private final AtomicInteger spaces = new AtomicInteger();

    public Naming(TargetProfile profile, String namespace, String groupId, String parentTopic) {
        this.profile = profile;
        this.namespace = namespace;
        this.groupId = groupId;
        this.parentTopic = parentTopic;
    }

    public String namespace() {
        return namespace;
    }

    public String groupId() {
        return groupId;
    }

    public String parentTopic() {
        return parentTopic;
    }

    /** A device ID unique in this run: letters and digits only. */
    public String deviceId() {
        return namespace + "d" + clients.incrementAndGet();
    }

    /** A client ID unique in this run, valid for the profile. */
    public String clientId() {
        return profile.lmqNaming() ? groupId + "@@@" + deviceId() : deviceId();
    }

    public TopicSpace newTopicSpace() {
        int n = spaces.incrementAndGet();
        String base = profile.lmqNaming()
                ? parentTopic + "/" + namespace + "t" + n
                : "lmqsuite/" + namespace + "/t" + n;
        return new TopicSpace(base, parentTopic);
    }

    /** The topics of one test, all under one base. */
    public record TopicSpace(String base, String parentTopic) {
        public String topic(String... levels) {
            return levels.length == 0 ? base : base + "/" + String.join("/", levels);
        }

        /** Everything below the base: {@code base/#}. */
        public String all() {
            return base + "/#";
        }

        /** The P2P address of a client (LMQ-P2P-1). */
        public String p2p(String clientId) {
            return parentTopic + "/p2p/" + clientId;
        }
    }
}
