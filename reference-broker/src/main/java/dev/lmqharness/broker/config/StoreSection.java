package dev.lmqharness.broker.config;

/** {@code store:} type (memory or rocksdb), path (the data directory) and fsync. */
final class StoreSection {

    public String type;
    public String path;
    public Boolean fsync;

    StoreConfig applyTo(StoreConfig base, String key) {
        StoreConfig.Type t = type == null ? base.type() : ConfigChecks.oneOf(key + ".type", type, StoreConfig.Type.class);
        String p = path == null ? base.path() : path.trim();
        boolean f = fsync == null ? base.fsync() : fsync;
        return new StoreConfig(t, p, f);
    }
}
