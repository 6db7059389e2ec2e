package dev.lmqharness.broker.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Value checks that name the key; each returns the value so they read as assignments. */
final class ConfigChecks {

    private ConfigChecks() {
    }

    static int between(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static long between(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static double between(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** Case-insensitive match against the enum constants' lower-case names. */
    static <E extends Enum<E>> E oneOf(String key, String value, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new ConfigException(key, "must be one of " + names(type) + ", was '" + value + "'");
    }

    static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
