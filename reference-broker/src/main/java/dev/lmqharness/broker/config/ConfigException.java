package dev.lmqharness.broker.config;

/**
 * A configuration value that stops start-up. The message starts with the key path in the YAML
 * file's terms, e.g. {@code mqtt.max-inflight: must be between 1 and 65535, was 0}.
 */
public final class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String problem) {
        super(key == null || key.isEmpty() ? problem : key + ": " + problem);
        this.key = key;
    }

    public ConfigException(String key, String problem, Throwable cause) {
        super(key == null || key.isEmpty() ? problem : key + ": " + problem, cause);
        this.key = key;
    }

    /** The key path ({@code listeners.tcp.port}), or {@code null} when the problem is not tied to one key. */
    public String key() {
        return key;
    }
}
