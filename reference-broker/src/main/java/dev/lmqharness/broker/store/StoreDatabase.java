package dev.lmqharness.broker.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RocksDB database behind {@link RocksDbMessageStore}: options, column families (see
 * {@link StoreKeys}) and the two write modes, opened and closed as one, in the order RocksJava
 * needs (column family handles before the database, options last).
 */
final class StoreDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);

    static final String CF_MESSAGES = "messages";
    static final String CF_QUEUES = "queues";
    static final String CF_AGE = "age";
    static final String CF_EXPIRY = "expiry";
    static final String CF_SESSIONS = "sessions";
    static final String CF_RETAINED = "retained";

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
            DBOptions dbOptions = track(new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    // Several column families share one WAL; cap it so rarely written ones get flushed.
                    .setMaxTotalWalSize(64L << 20)
                    .setDbWriteBufferSize(128L << 20)
                    .setMaxBackgroundJobs(2)
                    .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                    .setKeepLogFileNum(2));
            ColumnFamilyOptions metaOptions = track(new ColumnFamilyOptions().setMergeOperatorName("max"));
            ColumnFamilyOptions dataOptions = track(new ColumnFamilyOptions());
            durableWrite = track(new WriteOptions().setSync(fsync).setDisableWAL(false));
            relaxedWrite = track(new WriteOptions().setSync(false).setDisableWAL(false));
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, metaOptions));
            for (String name : List.of(CF_MESSAGES, CF_QUEUES, CF_AGE, CF_EXPIRY, CF_SESSIONS, CF_RETAINED)) {
                descriptors.add(new ColumnFamilyDescriptor(StoreKeys.utf8(name), dataOptions));
            }
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
