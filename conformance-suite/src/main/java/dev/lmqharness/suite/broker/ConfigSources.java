package dev.lmqharness.suite.broker;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Merges the three configuration sources, highest precedence first: system properties,
 * environment variables ({@code LMQ_URL}, {@code LMQ_LIMIT_PAYLOAD_MAX_BYTES}, ...), and the
 * properties file named by {@code lmq.config}. Unknown {@code lmq.*} keys are refused.
 */
public final class ConfigSources {

    private ConfigSources() {
    }

    public static Map<String, String> load(Map<String, String> systemProperties, Map<String, String> environment) {
        Map<String, String> fromSys = lmqKeys(systemProperties, "system property");
        Map<String, String> fromEnv = fromEnvironment(environment);
        String file = fromSys.getOrDefault(ConfigKeys.CONFIG, fromEnv.get(ConfigKeys.CONFIG));
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null && !file.isBlank()) {
            merged.putAll(fromFile(Path.of(file.trim())));
        }
        merged.putAll(fromEnv);
        merged.putAll(fromSys);
        return merged;
    }

    public static Map<String, String> fromCurrentProcess() {
        Map<String, String> sys = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> sys.put(String.valueOf(k), String.valueOf(v)));
        return load(sys, System.getenv());
    }

    private static Map<String, String> lmqKeys(Map<String, String> source, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        source.forEach((k, v) -> {
            if (k.startsWith("lmq.")) {
                if (!ConfigKeys.isKnown(k)) {
                    throw new ConfigException(k, "unknown " + what + " (see the README for the keys)");
                }
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> byEnvName = new LinkedHashMap<>();
        for (String key : ConfigKeys.ALL) {
            byEnvName.put(ConfigKeys.envName(key), key);
        }
        for (Limits.Name n : Limits.Name.values()) {
            String key = ConfigKeys.LIMIT_PREFIX + n.key();
            byEnvName.put(ConfigKeys.envName(key), key);
        }
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("LMQ_")) {
                String key = byEnvName.get(name);
                if (key == null) {
                    throw new ConfigException(name, "unknown environment variable (see the README for the keys)");
                }
                out.put(key, value);
            }
        });
        return out;
    }

    private static Map<String, String> fromFile(Path path) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException(ConfigKeys.CONFIG, "cannot read " + path + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (!ConfigKeys.isKnown(k) || k.equals(ConfigKeys.CONFIG)) {
                throw new ConfigException(k, "unknown key in " + path);
            }
            out.put(k, p.getProperty(k));
        }
        return out;
    }
}
