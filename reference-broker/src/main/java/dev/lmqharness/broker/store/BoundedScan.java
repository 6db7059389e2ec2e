package dev.lmqharness.broker.store;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * An iterator that stops at an exclusive upper bound, with the native objects it needs, closed
 * together. The bound keeps a scan of one queue from wading through the deletion markers that
 * acknowledged entries of the next queues leave behind until compaction.
 */
final class BoundedScan implements AutoCloseable {

    final RocksIterator it;
    private final Slice upper;
    private final ReadOptions options;

    BoundedScan(RocksDB db, ColumnFamilyHandle family, byte[] upperBound) {
        upper = new Slice(upperBound);
        options = new ReadOptions().setIterateUpperBound(upper);
        it = db.newIterator(family, options);
    }

    @Override
    public void close() {
        it.close();
        options.close();
        upper.close();
    }
}
