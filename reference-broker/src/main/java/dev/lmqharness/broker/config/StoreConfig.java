package dev.lmqharness.broker.config;

/**
 * Persistence. ROCKSDB writes every acknowledged message to RocksDB's write-ahead log before the
 * acknowledgement, which survives a process kill; {@code fsync} additionally survives power loss.
 */
public record StoreConfig(Type type, String path, boolean fsync) {

    public enum Type { MEMORY, ROCKSDB }

    public static StoreConfig memory() {
        return new StoreConfig(Type.MEMORY, null, false);
    }

    public static StoreConfig rocksdb(String path) {
        return new StoreConfig(Type.ROCKSDB, path, false);
    }
}
