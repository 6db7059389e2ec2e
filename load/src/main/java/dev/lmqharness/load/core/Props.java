package dev.lmqharness.load.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated reading of simulation parameters (system properties). A bad value stops the
 * run with a message that names the key, the value and what is allowed.
 */
public final class Props {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private final Function<String, String> source;

    public Props(Function<String, String> source) {
        this.source = source;
    }

    public static Props system() {
        Properties p = System.getProperties();
        return new Props(p::getProperty);
    }

    public static Props of(Map<String, String> map) {
        return new Props(map::get);
    }

    public String raw(String key) {
        String v = source.apply(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public boolean has(String key) {
        return raw(key) != null;
    }

    public String string(String key, String def) {
        String v = raw(key);
        return v == null ? def : v;
    }

    public int integer(String key, int def, int min, int max) {
        long v = longValue(key, def, min, max);
        return (int) v;
    }

    public long longValue(String key, long def, long min, long max) {
        String v = raw(key);
        long value;
        if (v == null) {
            value = def;
        } else {
            try {
                value = Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException e) {
                throw bad(key, v, "a whole number");
            }
        }
        if (value < min || value > max) {
            throw bad(key, String.valueOf(value), "between " + min + " and " + max);
        }
        return value;
    }

    public double decimal(String key, double def, double min, double max) {
        String v = raw(key);
        double value;
        if (v == null) {
            value = def;
        } else {
            try {
                value = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw bad(key, v, "a number");
            }
        }
        if (!(value >= min && value <= max)) {
            throw bad(key, String.valueOf(value), "between " + min + " and " + max);
        }
        return value;
    }

    public boolean bool(String key, boolean def) {
        String v = raw(key);
        if (v == null) {
            return def;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw bad(key, v, "true or false");
        };
    }

    public int qos(String key, int def) {
        return integer(key, def, 0, 2);
    }

    /** {@code 30s}, {@code 500ms}, {@code 5m}, {@code 1h}, or a plain number of seconds. */
    public Duration duration(String key, Duration def) {
        String v = raw(key);
        if (v == null) {
            return def;
        }
        Duration d = parseDuration(v);
        if (d == null) {
            throw bad(key, v, "a duration such as 30s, 500ms, 5m or 1h");
        }
        return d;
    }

    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E def) {
        String v = raw(key);
        if (v == null) {
            return def;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.replace('-', '_'))) {
                return e;
            }
        }
        throw bad(key, v, "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }

    public static Duration parseDuration(String v) {
        Matcher m = DURATION.matcher(v.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    private static IllegalArgumentException bad(String key, String value, String allowed) {
        return new IllegalArgumentException("-D" + key + "=" + value + " is invalid: expected " + allowed);
    }
}
