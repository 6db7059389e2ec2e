package dev.lmqharness.suite.broker;

import java.util.List;
import java.util.Locale;

/** Every configuration key the suite reads; anything else under {@code lmq.} is an error. */
public final class ConfigKeys {
    public static final String CONFIG = "lmq.config";
    public static final String URL = "lmq.url";
    public static final String URL_TCP = "lmq.url.tcp";
    public static final String URL_SSL = "lmq.url.ssl";
    public static final String URL_WS = "lmq.url.ws";
    public static final String URL_WSS = "lmq.url.wss";
    public static final String PROFILE = "lmq.profile";
    public static final String AUTH = "lmq.auth";
    public static final String USERNAME = "lmq.username";
    public static final String PASSWORD = "lmq.password";
    public static final String ACCESS_KEY = "lmq.accessKey";
    public static final String SECRET_KEY = "lmq.secretKey";
    public static final String TOKEN = "lmq.token";
    public static final String INSTANCE_ID = "lmq.instanceId";
    public static final String GROUP_ID = "lmq.groupId";
    public static final String PARENT_TOPIC = "lmq.parentTopic";
    public static final String CAPABILITIES = "lmq.capabilities";
    public static final String NAMESPACE = "lmq.namespace";
    public static final String EVENTS_TOPIC = "lmq.eventsTopic";
    public static final String TIMEOUT_SECONDS = "lmq.timeoutSeconds";
    public static final String QUIET_MILLIS = "lmq.quietMillis";
    public static final String REPORT_DIR = "lmq.reportDir";
    public static final String ADMIN_URL = "lmq.adminUrl";
    public static final String ADMIN_TOKEN = "lmq.adminToken";
    public static final String BREAK_RULES = "lmq.breakRules";
    /** Prefix of limit overrides, e.g. {@code lmq.limit.payloadMaxBytes}. */
    public static final String LIMIT_PREFIX = "lmq.limit.";

    public static final List<String> ALL = List.of(CONFIG, URL, URL_TCP, URL_SSL, URL_WS, URL_WSS, PROFILE, AUTH,
            USERNAME, PASSWORD, ACCESS_KEY, SECRET_KEY, TOKEN, INSTANCE_ID, GROUP_ID, PARENT_TOPIC, CAPABILITIES,
            NAMESPACE, EVENTS_TOPIC, TIMEOUT_SECONDS, QUIET_MILLIS, REPORT_DIR, ADMIN_URL, ADMIN_TOKEN, BREAK_RULES);

    private ConfigKeys() {
    }

    public static boolean isKnown(String key) {
        return ALL.contains(key) || (key.startsWith(LIMIT_PREFIX) && key.length() > LIMIT_PREFIX.length());
    }

    /** {@code lmq.accessKey} -> {@code LMQ_ACCESS_KEY}, {@code lmq.url.ws} -> {@code LMQ_URL_WS}. */
    public static String envName(String key) {
        StringBuilder b = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (c == '.') {
                b.append('_');
            } else if (Character.isUpperCase(c)) {
                b.append('_').append(c);
            } else {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }
}
