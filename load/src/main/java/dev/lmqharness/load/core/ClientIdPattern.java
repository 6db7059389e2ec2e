package dev.lmqharness.load.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client IDs from a pattern. Placeholders: {@code {n}} the client number (shard base plus a counter
 * per scenario), {@code {shard}} the shard index, {@code {scenario}} the scenario name reduced to
 * the characters a client ID may hold (RULES.md LMQ-CID-2) and cut to 16 characters. The default,
 * {@code GID_lmqload@@@{scenario}-{n}}, has the {@code <GroupID>@@@<DeviceID>} form of LMQ-CID-3.
 */
public record ClientIdPattern(String pattern) {

    public static final String DEFAULT = "GID_lmqload@@@{scenario}-{n}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    public ClientIdPattern {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("client ID pattern is empty");
        }
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            switch (m.group(1)) {
                case "n", "shard", "scenario" -> { }
                default -> throw new IllegalArgumentException("client ID pattern '" + pattern
                        + "' has unknown placeholder {" + m.group(1) + "}; use {n}, {shard} or {scenario}");
            }
        }
    }

    public boolean numbered() {
        return pattern.contains("{n}");
    }

    public String format(String scenario, int shard, long clientNumber) {
        return pattern.replace("{scenario}", scenarioTag(scenario))
                .replace("{shard}", Integer.toString(shard))
                .replace("{n}", Long.toString(clientNumber));
    }

    /** The scenario name as client-ID characters: {@code 0-9 a-z A-Z - _}, at most 16 of them. */
    public static String scenarioTag(String scenario) {
        String tag = scenario.replaceAll("[^0-9A-Za-z_-]+", "-").replaceAll("^-+|-+$", "");
        if (tag.isEmpty()) {
            tag = "s";
        }
        return tag.length() > 16 ? tag.substring(0, 16) : tag;
    }
}
