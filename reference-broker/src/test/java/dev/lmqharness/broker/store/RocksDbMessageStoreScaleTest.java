package dev.lmqharness.broker.store;

import dev.lmqharness.broker.config.StoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OfflinePolicy at its real cap: the RocksDB store holds 1,000,000 queued entries (256-byte payloads)
 * within a stated memory budget, keeps their order and counts across a restart, and evicts the
 * oldest first.
 *
 * <p><b>Budget for 1,000,000 entries</b>, whatever their shape:
 * <ul>
 *   <li>Java heap retained by the store: under {@value #HEAP_BUDGET_MIB} MiB (measured after a full
 *       GC, against a baseline taken before the store was opened);</li>
 *   <li>RocksDB native memory (block cache with the memtables charged to it, plus table readers):
 *       under {@value #NATIVE_BUDGET_MIB} MiB; the cache's capacity is 64 MiB.</li>
 * </ul>
 * Shapes: 1,000 clients x 1,000 messages with one recipient each (a million payloads); 1,000
 * clients x 1,000 entries with two recipients per message (the most reference counts: 500,000);
 * 1,000,000 clients x 1 entry, ten recipients per message.
 *
 * <p>Tagged {@code scale}: it writes some 700 MB through RocksDB and takes about 35 s on two cores
 * (70 s when they are busy with other builds), so it stays in {@code mvn verify}; exclude the tag
 * ({@code -DexcludedGroups=scale}) for a quick run.
 */
@Tag("scale")
@Timeout(240)
class RocksDbMessageStoreScaleTest {

    static final long HEAP_BUDGET_MIB = 32;
    static final long NATIVE_BUDGET_MIB = 128;
    private static final long MIB = 1L << 20;
    private static final int PAYLOAD_BYTES = 256;
    private static final int ENTRIES = 1_000_000;

    @TempDir
    Path dir;

    private RocksDbMessageStore store;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private RocksDbMessageStore open() {
        return new RocksDbMessageStore(StoreConfig.rocksdb(dir.resolve("db").toString()));
    }

    private static MessageRecord message(long id, SplittableRandom random) {
        byte[] payload = new byte[PAYLOAD_BYTES];
        random.nextBytes(payload); // incompressible, like a real payload
        return new MessageRecord(id, "devices/" + (id % 1000) + "/telemetry", 1, payload, "publisher", 1_000_000L + id);
    }

    private static String client(long n) {
        return "client-" + n;
    }

    /**
     * Runs {@code part.fill(0, random)} and {@code part.fill(1, random)} on two threads: the store
     * takes concurrent enqueues (for different clients, as here), and filling is most of the time.
     */
    private static void inTwoThreads(Part part) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int half = p;
                parts.add(pool.submit(() -> {
                    part.fill(half, new SplittableRandom(42 + half));
                    return null;
                }));
            }
            for (Future<?> f : parts) {
                f.get(180, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Part {
        void fill(int half, SplittableRandom random);
    }

    @Test
    void aThousandClientsWithAThousandSingleRecipientMessagesEach() throws Exception {
        int clients = 1000;
        long baseline = usedHeapAfterGc();
        store = open();
        // Message round * 1000 + c + 1 goes to client c; each thread fills half the clients, in ID order.
        inTwoThreads((half, random) -> {
            for (int round = 0; round < ENTRIES / clients; round++) {
                for (int c = half; c < clients; c += 2) {
                    store.enqueue(message((long) round * clients + c + 1, random), List.of(new Recipient(client(c), 1)));
                }
            }
        });
        long id = ENTRIES;
        assertThat(store.queuedCount()).isEqualTo(ENTRIES);
        assertWithinBudget("1,000 clients x 1,000 messages, filled", baseline);

        store.close();
        store = open();

        assertThat(store.queuedCount()).isEqualTo(ENTRIES);
        assertThat(store.maxMessageId()).isEqualTo(ENTRIES);
        // Every queue, read in full after the restart: client c holds c+1, c+1+1000, ... in that order.
        for (int c = 0; c < clients; c++) {
            List<QueueEntry> q = store.readQueue(client(c), 0, Integer.MAX_VALUE);
            assertThat(q).hasSize(ENTRIES / clients);
            for (int i = 0; i < q.size(); i++) {
                assertThat(q.get(i).messageId()).isEqualTo(c + 1 + (long) i * clients);
            }
            assertThat(q).extracting(QueueEntry::seq).isSorted();
        }
        assertWithinBudget("1,000 clients x 1,000 messages, reopened and read in full", baseline);

        // At the cap, each new message evicts the oldest: messages 1 to 10,000 go, in that order.
        SplittableRandom random = new SplittableRandom(1);
        List<Long> evicted = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            store.enqueue(message(++id, random), List.of(new Recipient(client(i % clients), 1)));
            store.evictOldest(store.queuedCount() - ENTRIES).forEach(e -> evicted.add(e.messageId()));
        }
        assertThat(evicted).hasSize(10_000).isSorted().startsWith(1L).endsWith(10_000L);
        assertThat(store.loadMessage(10_000)).isEmpty();
        assertThat(store.loadMessage(10_001)).isPresent();
        assertThat(store.queuedCount()).isEqualTo(ENTRIES);
        assertWithinBudget("1,000 clients x 1,000 messages, after 10,000 more at the cap", baseline);
    }

    @Test
    void aThousandClientsWithAThousandEntriesEachFromTwoRecipientMessages() throws Exception {
        int clients = 1000;
        long baseline = usedHeapAfterGc();
        store = open();
        long messages = ENTRIES / 2;
        // Message id goes to clients 2k and 2k+1 (k = (id - 1) mod 500); each thread takes every other k.
        inTwoThreads((half, random) -> {
            for (long id = 1 + half; id <= messages; id += 2) {
                int first = (int) ((2 * (id - 1)) % clients);
                store.enqueue(message(id, random),
                        List.of(new Recipient(client(first), 1), new Recipient(client(first + 1), 1)));
            }
        });
        assertThat(store.queuedCount()).isEqualTo(ENTRIES);
        assertWithinBudget("1,000 clients x 1,000 entries, 2 recipients a message, filled", baseline);

        store.close();
        store = open();

        assertThat(store.queuedCount()).isEqualTo(ENTRIES);
        assertThat(store.queuedCount(client(0))).isEqualTo(ENTRIES / clients);
        assertThat(store.queuedCount(client(999))).isEqualTo(ENTRIES / clients);
        assertWithinBudget("1,000 clients x 1,000 entries, 2 recipients a message, reopened", baseline);

        // Reference counts were rebuilt: the payload stays until both entries of the oldest message are gone.
        List<QueueEntry> first = store.evictOldest(1);
        assertThat(first).extracting(QueueEntry::messageId).containsExactly(1L);
        assertThat(store.loadMessage(1)).isPresent();
        assertThat(store.evictOldest(3)).extracting(QueueEntry::messageId).containsExactly(1L, 2L, 2L);
        assertThat(store.loadMessage(1)).isEmpty();
        assertThat(store.loadMessage(2)).isEmpty();
        assertThat(store.loadMessage(3)).isPresent();
    }

    @Test
    void aMillionClientsWithOneEntryEach() throws Exception {
        int recipientsPerMessage = 10;
        long baseline = usedHeapAfterGc();
        store = open();
        long messages = ENTRIES / recipientsPerMessage;
        // Message id goes to clients (id - 1) * 10 to (id - 1) * 10 + 9.
        inTwoThreads((half, random) -> {
            for (long id = 1 + half; id <= messages; id += 2) {
                List<Recipient> recipients = new ArrayList<>(recipientsPerMessage);
                for (int r = 0; r < recipientsPerMessage; r++) {
                    recipients.add(new Recipient(client((id - 1) * recipientsPerMessage + r), 1));
                }
                store.enqueue(message(id, random), recipients);
            }
        });
        assertThat(store.queuedCount()).isEqualTo(ENTRIES);
        assertWithinBudget("1,000,000 clients x 1 entry, 10 recipients a message, filled", baseline);

        store.close();
        store = open();

        assertThat(store.queuedCount()).isEqualTo(ENTRIES);
        for (long c : new long[] {0, 1, 499_999, 999_999}) {
            assertThat(store.readQueue(client(c), 0, 10)).extracting(QueueEntry::messageId)
                    .containsExactly(c / recipientsPerMessage + 1);
        }
        assertWithinBudget("1,000,000 clients x 1 entry, reopened", baseline);

        // The oldest message's ten entries go first, by client ID.
        assertThat(store.evictOldest(10)).extracting(QueueEntry::clientId)
                .containsExactly("client-0", "client-1", "client-2", "client-3", "client-4", "client-5",
                        "client-6", "client-7", "client-8", "client-9");
        assertThat(store.loadMessage(1)).isEmpty();
        assertThat(store.queuedCount()).isEqualTo(ENTRIES - 10);
    }

    private void assertWithinBudget(String what, long baseline) {
        long heap = usedHeapAfterGc() - baseline;
        StoreMemory rocks = store.nativeMemory();
        System.out.printf("[store memory] %s: heap %.1f MiB; RocksDB native %.1f MiB"
                        + " (block cache %.1f MiB incl. memtables %.1f MiB, pinned %.1f MiB; table readers %.1f MiB)%n",
                what, heap / (double) MIB, rocks.total() / (double) MIB, rocks.blockCache() / (double) MIB,
                rocks.memtables() / (double) MIB, rocks.pinnedBlocks() / (double) MIB, rocks.tableReaders() / (double) MIB);
        assertThat(heap).as("%s: heap retained by the store", what).isLessThan(HEAP_BUDGET_MIB * MIB);
        assertThat(rocks.total()).as("%s: RocksDB native memory", what).isLessThan(NATIVE_BUDGET_MIB * MIB);
    }

    /**
     * Used heap after full collections, repeated until it settles (within 1 MiB) so that garbage of
     * the fill is not counted. Explicit GCs are full, stop-the-world ones with the default collector.
     */
    static long usedHeapAfterGc() {
        MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long used = bean.getHeapMemoryUsage().getUsed();
            if (Math.abs(last - used) < MIB) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
