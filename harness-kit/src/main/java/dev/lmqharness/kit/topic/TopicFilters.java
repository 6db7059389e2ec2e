package dev.lmqharness.kit.topic;

/** MQTT 3.1.1 topic-filter matching (section 4.7), used to know which receivers expect which messages. */
public final class TopicFilters {

    private TopicFilters() {
    }

    public static boolean hasWildcard(String filter) {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
    }

    /** True when {@code topic} (no wildcards) matches {@code filter}. */
    public static boolean matches(String filter, String topic) {
        if (!hasWildcard(filter)) {
            return filter.equals(topic);
        }
        // $-topics are not matched by filters starting with a wildcard (MQTT-4.7.2-1).
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true; // also matches the parent level ("a/#" matches "a")
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
