package dev.lmqharness.suite.junit;

/** Skip reasons shared by several tests. */
public final class Reasons {
    private Reasons() {
    }

    public static final String LITE_CLEAN_SESSION = "LMQ-ED-1: the Lite edition supports only cleanSession=true";
    public static final String LMQ_CLIENT_ID_FORM = "LMQ-CID-3 requires client IDs of the form <GroupID>@@@<DeviceID>";
    public static final String LITE_QOS = "LMQ-ED-1: the Lite edition supports only QoS0 with cleanSession=true";
    public static final String LITE_NO_WILDCARDS = "LMQ-ED-1: the Lite edition has no wildcard subscriptions, which this test needs";
    public static final String LMQ_TOPIC_CHARS = "LMQ-TOPIC-2 allows only 0-9 a-z A-Z - _ in topic levels";
    public static final String LMQ_QOS2_SESSION = "LMQ-QOS-2: a QoS 2 subscription of a cleanSession=false client behaves as"
            + " cleanSession=true, so no QoS 2 flow survives a reconnect";
    public static final String LMQ_PARENT_FIRST = "LMQ-TOPIC-3: every topic starts with the instance's parent topic";
}
