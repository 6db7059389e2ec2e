package dev.lmqharness.broker.store;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The RocksDB database behind {@link RocksDbMessageStore}: options, column families (see
 * {@link StoreKeys}) and the two write modes, opened and closed as one, in the order RocksJava
 * needs (column family handles before the database, options last).
 *
 * <p>Native memory is bounded explicitly rather than left to RocksDB's per-column-family defaults
 * (seven families, each with up to two 64 MiB memtables and its own cache, could take close to
 * 1 GiB): one 64 MiB LRU cache ({@link #CACHE_BYTES}) holds the data blocks of all families, and a
 * write buffer manager charges all memtables to that same cache and flushes them from 32 MiB on
 * ({@link #MEMTABLE_BYTES}). Index and filter blocks stay with the open table files: they grow
 * with the data (a few MiB at 1,000,000 entries, which {@code OfflinePolicy}'s cap bounds). The budget stated
 * and tested for 1,000,000 queued entries ({@code RocksDbMessageStoreScaleTest}) is under 128 MiB
 * of RocksDB native memory; outside what {@link StoreMemory} can see are the allocator's own
 * overhead and short-lived compaction buffers.
 */
final class StoreDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);

    static final String CF_MESSAGES = "messages";
    static final String CF_QUEUES = "queues";
    static final String CF_AGE = "age";
    static final String CF_EXPIRY = "expiry";
    static final String CF_SESSIONS = "sessions";
    static final String CF_RETAINED = "retained";

    /**
     * The one LRU cache of this database: data blocks of every column family and (through the
     * write buffer manager) the memtables.
     */
    static final long CACHE_BYTES = 64L << 20;
    /** Memtables of all column families together (inside {@link #CACHE_BYTES}); a flush starts near it. */
    static final long MEMTABLE_BYTES = 32L << 20;
    /** Memtable of a column family that holds little (sessions, retained messages, the max ID). */
    static final long SMALL_MEMTABLE_BYTES = 2L << 20;

    final Path path;
    final RocksDB db;
    /** Default column family; holds the max message ID, merged with RocksDB's built-in "max" operator. */
    final ColumnFamilyHandle meta;
    final ColumnFamilyHandle messages;
    final ColumnFamilyHandle queues;
    final ColumnFamilyHandle age;
    final ColumnFamilyHandle expiry;
    final ColumnFamilyHandle sessions;
    final ColumnFamilyHandle retained;
    /** For what a client is told is stored: through the WAL, synced when fsync is configured. */
    final WriteOptions durableWrite;
    /** For clean-up (freeing payloads, evictions): through the WAL but never synced; a lost one is redone. */
    final WriteOptions relaxedWrite;

    private final Cache cache;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    /** Options in creation order, closed in reverse. */
    private final List<AutoCloseable> options = new ArrayList<>();

    /**
     * @throws StoreException naming the path if the directory cannot be created or opened
     */
    StoreDatabase(Path path, boolean fsync) {
        this.path = path;
        RocksDB opened = null;
        try {
            RocksDB.loadLibrary();
            Files.createDirectories(path);
            cache = track(new LRUCache(CACHE_BYTES));
            DBOptions dbOptions = track(new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    // Several column families share one WAL; cap it so rarely written ones get flushed.
                    .setMaxTotalWalSize(64L << 20)
                    // Memtables of all column families together, charged to the block cache; writes
                    // stall (rather than the limit being passed) while a flush catches up.
                    .setWriteBufferManager(track(new WriteBufferManager(MEMTABLE_BYTES, cache, true)))
                    .setMaxBackgroundJobs(2)
                    .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                    .setKeepLogFileNum(2));
            // Point look-ups (messages, queue entries) get Bloom filters; the indexes are only scanned.
            ColumnFamilyOptions metaOptions = track(columnFamily(SMALL_MEMTABLE_BYTES, false).setMergeOperatorName("max"));
            ColumnFamilyOptions lookedUp = track(columnFamily(MEMTABLE_BYTES / 2, true));
            ColumnFamilyOptions scanned = track(columnFamily(MEMTABLE_BYTES / 4, false));
            ColumnFamilyOptions small = track(columnFamily(SMALL_MEMTABLE_BYTES, false));
            durableWrite = track(new WriteOptions().setSync(fsync).setDisableWAL(false));
            relaxedWrite = track(new WriteOptions().setSync(false).setDisableWAL(false));
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, metaOptions));
            descriptors.add(new ColumnFamilyDescriptor(StoreKeys.utf8(CF_MESSAGES), lookedUp));
            descriptors.add(new ColumnFamilyDescriptor(StoreKeys.utf8(CF_QUEUES), lookedUp));
            descriptors.add(new ColumnFamilyDescriptor(StoreKeys.utf8(CF_AGE), scanned));
            descriptors.add(new ColumnFamilyDescriptor(StoreKeys.utf8(CF_EXPIRY), scanned));
            descriptors.add(new ColumnFamilyDescriptor(StoreKeys.utf8(CF_SESSIONS), small));
            descriptors.add(new ColumnFamilyDescriptor(StoreKeys.utf8(CF_RETAINED), small));
            opened = RocksDB.open(dbOptions, path.toString(), descriptors, handles);
            db = opened;
            meta = handles.get(0);
            messages = handles.get(1);
            queues = handles.get(2);
            age = handles.get(3);
            expiry = handles.get(4);
            sessions = handles.get(5);
            retained = handles.get(6);
        } catch (RocksDBException | IOException | RuntimeException e) {
            closeQuietly(opened);
            throw new StoreException("Cannot open the message store at " + path + ": " + describe(e), e);
        }
    }

    private ColumnFamilyOptions columnFamily(long memtableBytes, boolean bloomFilter) {
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                // Index and filter blocks stay with their open table files, outside the cache (they
                // count as table readers' memory). In the cache, a file's filter block of a megabyte
                // or more was pushed out by data blocks and memtables and read back for look-ups:
                // evicting at a 1,000,000-entry cap ran 5 to 50 times slower.
                .setCacheIndexAndFilterBlocks(false);
        if (bloomFilter) {
            table.setFilterPolicy(track(new BloomFilter(10)));
        }
        return new ColumnFamilyOptions()
                .setWriteBufferSize(memtableBytes)
                .setMaxWriteBufferNumber(2)
                .setTableFormatConfig(table);
    }

    /** What RocksDB's native memory holds now (see {@link StoreMemory}). */
    StoreMemory memory() throws RocksDBException {
        return new StoreMemory(
                db.getAggregatedLongProperty("rocksdb.size-all-mem-tables"),
                cache.getUsage(),
                cache.getPinnedUsage(),
                db.getAggregatedLongProperty("rocksdb.estimate-table-readers-mem"),
                CACHE_BYTES);
    }

    private <T extends AutoCloseable> T track(T resource) {
        options.add(resource);
        return resource;
    }

    /** Syncs the WAL (so a clean stop survives power loss even without fsync), then closes everything. */
    @Override
    public void close() {
        RocksDBException failure = null;
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            failure = e;
        }
        handles.forEach(ColumnFamilyHandle::close);
        try {
            db.closeE();
        } catch (RocksDBException e) {
            failure = failure == null ? e : failure;
        }
        closeOptions();
        if (failure != null) {
            throw new StoreException("Closing the message store at " + path + " failed: " + describe(failure), failure);
        }
    }

    private void closeQuietly(RocksDB opened) {
        handles.forEach(ColumnFamilyHandle::close);
        if (opened != null) {
            opened.close();
        }
        closeOptions();
    }

    private void closeOptions() {
        for (int i = options.size() - 1; i >= 0; i--) {
            try {
                options.get(i).close();
            } catch (Exception e) {
                LOG.warn("Closing {} of the message store at {} failed: {}",
                        options.get(i).getClass().getSimpleName(), path, e.toString());
            }
        }
    }

    static String describe(Exception e) {
        if (e instanceof RocksDBException r && r.getStatus() != null) {
            return r.getStatus().getCodeString() + ": " + r.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
