package dev.lmqharness.benchmarks;

import dev.lmqharness.broker.config.StoreConfig;
import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.Recipient;
import dev.lmqharness.broker.store.RocksDbMessageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A {@link RocksDbMessageStore} in a temporary directory, with what the benchmarks feed it:
 * 256-byte random payloads (a pool, so no random numbers are drawn while measuring) and fixed
 * recipient lists over 1,000 clients.
 */
final class StoreFixture implements AutoCloseable {

    static final int PAYLOAD_BYTES = 256;
    static final int CLIENTS = 1000;
    private static final int PAYLOAD_POOL = 4096;

    final RocksDbMessageStore store;
    private final Path dir;
    private final byte[][] payloads = new byte[PAYLOAD_POOL][];
    /** recipientLists[i]: {@code recipients} consecutive clients starting at client i. */
    private final List<List<Recipient>> recipientLists = new ArrayList<>();
    private long nextId;

    StoreFixture(boolean fsync, int recipients) {
        try {
            dir = Files.createTempDirectory("lmq-store-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = new RocksDbMessageStore(new StoreConfig(StoreConfig.Type.ROCKSDB, dir.resolve("db").toString(), fsync));
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < PAYLOAD_POOL; i++) {
            payloads[i] = new byte[PAYLOAD_BYTES];
            random.nextBytes(payloads[i]);
        }
        for (int first = 0; first < CLIENTS; first++) {
            List<Recipient> list = new ArrayList<>(recipients);
            for (int r = 0; r < recipients; r++) {
                list.add(new Recipient(client((first + r) % CLIENTS), 1));
            }
            recipientLists.add(List.copyOf(list));
        }
    }

    static String client(int n) {
        return "client-" + n;
    }

    /** The next message, with a new ID and the current time. */
    MessageRecord nextMessage() {
        long id = ++nextId;
        return new MessageRecord(id, "devices/telemetry", 1, payloads[(int) (id % PAYLOAD_POOL)], "publisher",
                System.currentTimeMillis());
    }

    /** Recipients of the message with this ID: it rotates over the clients. */
    List<Recipient> recipientsFor(long messageId) {
        return recipientLists.get((int) (messageId % CLIENTS));
    }

    /** Enqueues messages until the store holds {@code entries} entries. */
    void fill(long entries) {
        while (store.queuedCount() < entries) {
            MessageRecord m = nextMessage();
            store.enqueue(m, recipientsFor(m.id()));
        }
    }

    @Override
    public void close() {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
