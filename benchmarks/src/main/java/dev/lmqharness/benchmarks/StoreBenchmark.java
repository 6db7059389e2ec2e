package dev.lmqharness.benchmarks;

import dev.lmqharness.broker.store.MessageRecord;
import dev.lmqharness.broker.store.QueueEntry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the RocksDB offline-message store (LMQ-OFF-1, LMQ-OFF-3), one thread, 256-byte
 * payloads, in operations per second; an operation is one message unless said otherwise.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar StoreBenchmark -f 1 -wi 2 -i 3}
 * (see benchmarks/README.md).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StoreBenchmark {

    /** A fresh store per iteration, so a long run does not keep growing it. */
    @State(Scope.Benchmark)
    public static class EmptyStore {

        /** Recipients per message: one entry each. */
        @Param({"1", "10"})
        int recipients;

        /** Whether each enqueue waits for the write-ahead log to be synced to disk. */
        @Param({"false", "true"})
        boolean fsync;

        StoreFixture fixture;

        @Setup(Level.Iteration)
        public void open() {
            fixture = new StoreFixture(fsync, recipients);
        }

        @TearDown(Level.Iteration)
        public void close() {
            fixture.close();
        }
    }

    /** Enqueue one message for 1 or 10 recipients: what a QoS1 publish to offline subscribers costs. */
    @Benchmark
    public List<QueueEntry> enqueue(EmptyStore s) {
        MessageRecord m = s.fixture.nextMessage();
        return s.fixture.store.enqueue(m, s.fixture.recipientsFor(m.id()));
    }

    @State(Scope.Benchmark)
    public static class CycleStore {

        @Param({"false", "true"})
        boolean fsync;

        StoreFixture fixture;

        @Setup(Level.Trial)
        public void open() {
            fixture = new StoreFixture(fsync, 1);
        }

        @TearDown(Level.Trial)
        public void close() {
            fixture.close();
        }
    }

    /** Enqueue a message for one recipient, then its PUBACK: a message's whole life in the store. */
    @Benchmark
    public void enqueueThenAck(CycleStore s) {
        MessageRecord m = s.fixture.nextMessage();
        QueueEntry e = s.fixture.store.enqueue(m, s.fixture.recipientsFor(m.id())).get(0);
        s.fixture.store.ack(e.clientId(), e.seq());
    }

    /** A store filled to the cap (LMQ-OFF-3: 1,000,000 entries) over 1,000 clients, one recipient per message. */
    @State(Scope.Benchmark)
    public static class FullStore {

        @Param({"1000000"})
        long cap;

        StoreFixture fixture;

        @Setup(Level.Trial)
        public void open() {
            fixture = new StoreFixture(false, 1);
            fixture.fill(cap);
        }

        @TearDown(Level.Trial)
        public void close() {
            fixture.close();
        }
    }

    /**
     * At the cap, each new message evicts the oldest entry (and its payload): enqueue one, then
     * {@code evictOldest(1)}. Subtract {@link #enqueue}'s cost for evictOldest alone.
     */
    @Benchmark
    public List<QueueEntry> enqueueAndEvictOldestAtCap(FullStore s) {
        MessageRecord m = s.fixture.nextMessage();
        s.fixture.store.enqueue(m, s.fixture.recipientsFor(m.id()));
        return s.fixture.store.evictOldest(1);
    }

    /**
     * The same at the cap, evicting in batches of 100 (a policy that evicts down to a little below
     * the cap, then lets 100 messages in); the score is messages per second.
     */
    @Benchmark
    @OperationsPerInvocation(100)
    public List<QueueEntry> enqueueAndEvictOldestAtCapInBatchesOf100(FullStore s) {
        for (int i = 0; i < 100; i++) {
            MessageRecord m = s.fixture.nextMessage();
            s.fixture.store.enqueue(m, s.fixture.recipientsFor(m.id()));
        }
        return s.fixture.store.evictOldest(100);
    }

    /** Ten clients with 100 pages of 512 entries each (the broker's page size), read round and round. */
    @State(Scope.Benchmark)
    public static class BacklogStore {

        static final int PAGE = 512;
        static final int PAGES_PER_CLIENT = 100;
        static final int READ_CLIENTS = 10;

        StoreFixture fixture;
        private int client;
        private long after;

        @Setup(Level.Trial)
        public void open() {
            // Every message goes to clients 0 to 9, so each of them holds all PAGE * PAGES_PER_CLIENT.
            fixture = new StoreFixture(false, READ_CLIENTS);
            for (long id = 1; id <= (long) PAGE * PAGES_PER_CLIENT; id++) {
                MessageRecord m = fixture.nextMessage();
                fixture.store.enqueue(m, fixture.recipientsFor(0));
            }
        }

        /** The next page of the current client, moving to the next client after its last page. */
        List<QueueEntry> nextPage() {
            List<QueueEntry> page = fixture.store.readQueue(StoreFixture.client(client), after, PAGE);
            if (page.size() != PAGE) {
                throw new IllegalStateException("short page: " + page.size());
            }
            after = page.get(PAGE - 1).seq();
            if (isLastPage(page)) {
                client = (client + 1) % READ_CLIENTS;
                after = 0;
            }
            return page;
        }

        private boolean isLastPage(List<QueueEntry> page) {
            return page.get(PAGE - 1).messageId() == (long) PAGE * PAGES_PER_CLIENT;
        }

        @TearDown(Level.Trial)
        public void close() {
            fixture.close();
        }
    }

    /** One page of 512 queue entries (no payloads); the score is entries per second. */
    @Benchmark
    @OperationsPerInvocation(BacklogStore.PAGE)
    public List<QueueEntry> readQueuePage(BacklogStore s) {
        return s.nextPage();
    }

    /** One page of 512 entries and each entry's message, as a reconnecting client's backlog is loaded; entries per second. */
    @Benchmark
    @OperationsPerInvocation(BacklogStore.PAGE)
    public void readQueuePageWithPayloads(BacklogStore s, Blackhole bh) {
        for (QueueEntry e : s.nextPage()) {
            bh.consume(s.fixture.store.loadMessage(e.messageId()));
        }
    }
}
