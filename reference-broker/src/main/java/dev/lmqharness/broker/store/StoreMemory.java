package dev.lmqharness.broker.store;

/**
 * Native (off-heap) memory that RocksDB holds for a {@link RocksDbMessageStore}, in bytes.
 *
 * @param memtables     all memtables, flushed or not yet; counted inside {@code blockCache} too,
 *                      as the write buffer manager charges them to the cache
 * @param blockCache    usage of the one block cache: data, index and filter blocks plus the
 *                      memtables' reservation; kept near {@code cacheCapacity}
 * @param pinnedBlocks  part of {@code blockCache} in use (open iterators, memtables' reservation)
 * @param tableReaders  open table files outside the cache: their index and filter blocks, which
 *                      grow with the data stored (a few MiB at 1,000,000 entries)
 * @param cacheCapacity the configured capacity of the block cache
 */
public record StoreMemory(long memtables, long blockCache, long pinnedBlocks, long tableReaders, long cacheCapacity) {

    /** What the store's RocksDB holds in all: the cache (memtables included) and the table readers (indexes, filters). */
    public long total() {
        return blockCache + tableReaders;
    }
}
