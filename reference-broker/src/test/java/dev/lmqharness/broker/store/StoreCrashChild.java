package dev.lmqharness.broker.store;

import dev.lmqharness.broker.config.StoreConfig;
import java.io.PrintStream;
import java.util.List;

/**
 * Run in a child JVM by {@link RocksDbMessageStoreCrashTest}: enqueues messages for two clients and
 * acknowledges the second client's entry, printing each step only after the store returned, until
 * it is killed (or, should the test die first, for two minutes at most).
 */
public final class StoreCrashChild {

    private StoreCrashChild() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        long deadline = System.nanoTime() + 120_000_000_000L;
        try (RocksDbMessageStore store = new RocksDbMessageStore(StoreConfig.rocksdb(args[0]))) {
            byte[] payload = new byte[512];
            long id = store.maxMessageId();
            out.println("ready;");
            out.flush();
            while (System.nanoTime() < deadline) {
                id++;
                MessageRecord m = new MessageRecord(id, "crash/test", 1, payload, "crash-child", System.currentTimeMillis());
                List<QueueEntry> entries = store.enqueue(m, List.of(new Recipient("keeper", 1), new Recipient("acker", 1)));
                out.println("stored " + id + ";");
                out.flush();
                store.ack("acker", entries.get(1).seq());
                out.println("acked " + id + ";");
                out.flush();
            }
        }
    }
}
