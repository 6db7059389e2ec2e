package dev.lmqharness.broker.rules;

import java.util.Optional;

/**
 * Plain MQTT 3.1.1 topic names and filters (section 4.7): syntax, matching and filter coverage.
 * No LMQ naming rules here, so routing in every profile and token resources ({@code TokenAuthenticator}) share it.
 *
 * <p>Levels are split on {@code /} keeping empty levels ({@code "a//b"} has three levels, as the
 * standard says). Topics starting with {@code $} are not matched by a filter whose first level is
 * a wildcard (MQTT-4.7.2-1).
 */
public final class TopicFilters {

    public static final String SEPARATOR = "/";
    public static final String MULTI_LEVEL = "#";
    public static final String SINGLE_LEVEL = "+";

    private TopicFilters() {
    }

    public static String[] levels(String topicOrFilter) {
        return topicOrFilter.split(SEPARATOR, -1);
    }

    /** The first level (the LMQ parent topic), the whole string if it has no separator. */
    public static String firstLevel(String topicOrFilter) {
        int slash = topicOrFilter.indexOf('/');
        return slash < 0 ? topicOrFilter : topicOrFilter.substring(0, slash);
    }

    public static boolean hasWildcard(String filter) {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
    }

    /** A PUBLISH topic name: at least one character, no wildcard, no NUL. */
    public static Optional<Violation> checkTopicName(String topic) {
        if (topic == null || topic.isEmpty()) {
            return Optional.of(new Violation("MQTT-4.7.3-1", "topic name is empty"));
        }
        if (hasWildcard(topic)) {
            return Optional.of(new Violation("MQTT-3.3.2-2", "topic name '" + topic + "' contains a wildcard"));
        }
        if (topic.indexOf('\u0000') >= 0) {
            return Optional.of(new Violation("MQTT-4.7.3-2", "topic name contains U+0000"));
        }
        return Optional.empty();
    }

    /** A SUBSCRIBE filter: non-empty, {@code #} alone and last, {@code +} alone in its level, no NUL. */
    public static Optional<Violation> checkFilter(String filter) {
        if (filter == null || filter.isEmpty()) {
            return Optional.of(new Violation("MQTT-4.7.3-1", "topic filter is empty"));
        }
        if (filter.indexOf('\u0000') >= 0) {
            return Optional.of(new Violation("MQTT-4.7.3-2", "topic filter contains U+0000"));
        }
        String[] levels = levels(filter);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.indexOf('#') >= 0 && (!level.equals(MULTI_LEVEL) || i != levels.length - 1)) {
                return Optional.of(new Violation("MQTT-4.7.1-2",
                        "'#' must be the whole last level of the filter '" + filter + "'"));
            }
            if (level.indexOf('+') >= 0 && !level.equals(SINGLE_LEVEL)) {
                return Optional.of(new Violation("MQTT-4.7.1-3",
                        "'+' must be a whole level of the filter '" + filter + "'"));
            }
        }
        return Optional.empty();
    }

    public static boolean isValidFilter(String filter) {
        return checkFilter(filter).isEmpty();
    }

    public static boolean isValidTopicName(String topic) {
        return checkTopicName(topic).isEmpty();
    }

    /**
     * Whether the topic name matches the filter. Invalid input never matches.
     */
    public static boolean matches(String filter, String topic) {
        if (!isValidFilter(filter) || !isValidTopicName(topic)) {
            return false;
        }
        String[] f = levels(filter);
        String[] t = levels(topic);
        if (topic.startsWith("$") && isWildcardLevel(f[0])) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals(MULTI_LEVEL)) {
                return true; // also matches the parent level: "a/#" matches "a"
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals(SINGLE_LEVEL) && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /**
     * Whether every topic matched by {@code inner} is also matched by {@code outer}, e.g.
     * {@code covers("a/#", "a/+/b")}. Used to check a SUBSCRIBE filter against the filters a token
     * grants ({@code TokenAuthenticator}). Invalid input never covers.
     */
    public static boolean covers(String outer, String inner) {
        if (!isValidFilter(outer) || !isValidFilter(inner)) {
            return false;
        }
        String[] o = levels(outer);
        String[] in = levels(inner);
        if (isWildcardLevel(o[0]) && in[0].startsWith("$")) {
            return false;
        }
        for (int i = 0; i < o.length; i++) {
            if (o[i].equals(MULTI_LEVEL)) {
                return true;
            }
            if (i >= in.length || in[i].equals(MULTI_LEVEL)) {
                return false; // inner reaches a depth outer cannot
            }
            if (!o[i].equals(SINGLE_LEVEL) && (in[i].equals(SINGLE_LEVEL) || !o[i].equals(in[i]))) {
                return false;
            }
        }
        return o.length == in.length;
    }

    private static boolean isWildcardLevel(String level) {
        return level.equals(MULTI_LEVEL) || level.equals(SINGLE_LEVEL);
    }
}
