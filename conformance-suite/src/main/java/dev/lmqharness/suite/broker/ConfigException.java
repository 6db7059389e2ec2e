package dev.lmqharness.suite.broker;

/** A bad configuration value; the message names the key so the user can fix it. */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
