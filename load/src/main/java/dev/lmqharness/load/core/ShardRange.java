package dev.lmqharness.load.core;

/**
 * Shard {@code index} of {@code count}: the injector's own block of client numbers,
 * {@code [index * size, (index + 1) * size)}. Several injectors started with the same simulation
 * and different indexes never share a client ID or a topic, so each shard is a closed system and
 * their counters and histograms add up exactly.
 */
public record ShardRange(int index, int count, long size) {

    public static final long DEFAULT_SIZE = 1_000_000L;

    public ShardRange {
        if (count < 1) {
            throw new IllegalArgumentException("shards must be at least 1 (got " + count + ")");
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard must be in 0.." + (count - 1) + " (got " + index + ")");
        }
        if (size < 1) {
            throw new IllegalArgumentException("shard.size must be at least 1 (got " + size + ")");
        }
        if ((long) count * size < 0 || Long.MAX_VALUE / count < size) {
            throw new IllegalArgumentException("shards x shard.size overflows");
        }
    }

    public static ShardRange single() {
        return new ShardRange(0, 1, DEFAULT_SIZE);
    }

    public long first() {
        return index * size;
    }

    /** The global client number of the {@code local}-th client of this shard. */
    public long clientNumber(long local) {
        if (local < 0 || local >= size) {
            throw new IllegalArgumentException("client " + local + " is outside shard " + index
                    + "'s range of " + size + " client IDs; raise -Dshard.size");
        }
        return first() + local;
    }

    public boolean contains(long clientNumber) {
        return clientNumber >= first() && clientNumber < first() + size;
    }
}
