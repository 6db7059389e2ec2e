package dev.lmqharness.broker.routing;

/**
 * MQTT 3.1.1 topic name and topic filter syntax (section 4.7) and matching. Pure functions.
 */
public final class TopicNames {

    private TopicNames() {
    }

    /** A topic name to publish to: non-empty, no wildcards, no NUL (MQTT-4.7.3-1, MQTT-3.3.2-2). */
    public static boolean isValidName(String topic) {
        if (topic == null || topic.isEmpty() || topic.length() > 65535) {
            return false;
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#' || c == '\u0000') {
                return false;
            }
        }
        return true;
    }

    /**
     * A topic filter: non-empty; '#' only as the whole last level (MQTT-4.7.1-2); '+' only as a
     * whole level (MQTT-4.7.1-3); no NUL.
     */
    public static boolean isValidFilter(String filter) {
        if (filter == null || filter.isEmpty() || filter.length() > 65535) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.indexOf('\u0000') >= 0) {
                return false;
            }
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return false;
            }
            if (level.contains("+") && !level.equals("+")) {
                return false;
            }
        }
        return true;
    }

    public static boolean hasWildcard(String filter) {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
    }

    /**
     * Whether a valid filter matches a valid topic name. A filter starting with a wildcard does not
     * match a topic starting with '$' (MQTT-4.7.2-1).
     */
    public static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
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
