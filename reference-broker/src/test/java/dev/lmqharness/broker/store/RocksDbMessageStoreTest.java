package dev.lmqharness.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lmqharness.broker.config.StoreConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

class RocksDbMessageStoreTest extends MessageStoreContract {

    @TempDir
    Path dir;

    @Override
    protected MessageStore openStore() {
        return open();
    }

    private RocksDbMessageStore open() {
        return new RocksDbMessageStore(StoreConfig.rocksdb(dir.resolve("db").toString()));
    }

    private MessageStore reopen() {
        store.close();
        store = open();
        return store;
    }

    // ---- durability across close and open -----------------------------------------------------

    @Test
    void reopenKeepsSessionsQueuesInFlightStateRetainedAndCounts() {
        SessionRecord session = new SessionRecord("a", Map.of("t/#", 1, "u/+", 2));
        store.saveSession(session);
        List<QueueEntry> first = store.enqueue(message(1), List.of(new Recipient("a", 2), to("b")));
        QueueEntry second = store.enqueue(message(2), List.of(to("a"))).get(0);
        store.enqueue(message(3), List.of(to("a")));
        store.updateEntry(first.get(0).sentAs(11).asReleased());
        store.updateEntry(second.sentAs(12));
        store.ack("b", first.get(1).seq());
        MessageRecord retainedMessage = new MessageRecord(40, "r/1", 1, new byte[] {4, 2}, "p", 99);
        store.putRetained(retainedMessage);
        store.enqueue(message(50), List.of()); // an ID used with nobody to queue for
        List<QueueEntry> before = store.readQueue("a", 0, 10);

        reopen();

        assertThat(store.loadSessions()).containsExactly(session);
        assertThat(store.readQueue("a", 0, 10)).isEqualTo(before);
        assertThat(before).hasSize(3);
        assertThat(before.get(0).released()).isTrue();
        assertThat(before.get(0).packetId()).isEqualTo(11);
        assertThat(before.get(1).packetId()).isEqualTo(12);
        assertThat(store.readQueue("b", 0, 10)).isEmpty();
        assertThat(store.queuedCount()).isEqualTo(3);
        assertThat(store.queuedCount("a")).isEqualTo(3);
        assertThat(store.queuedCount("b")).isZero();
        assertSameMessage(store.loadRetained().get("r/1"), retainedMessage);
        assertSameMessage(store.loadMessage(1).orElseThrow(), message(1));
        assertThat(store.maxMessageId()).isEqualTo(50);

        QueueEntry next = store.enqueue(message(51), List.of(to("a"))).get(0);
        assertThat(next.seq()).isGreaterThan(before.get(2).seq());

        // Reference counts were rebuilt: the payload goes with its last entry, not before.
        store.ack("a", first.get(0).seq());
        assertThat(store.loadMessage(1)).isEmpty();
        assertThat(store.loadMessage(2)).isPresent();
    }

    @Test
    void entryFlagsSurviveReopenAndASoleEntryTakesItsPayloadAlongAfterwards() {
        QueueEntry alone = store.enqueue(message(1), List.of(to("a"))).get(0);
        List<QueueEntry> shared = store.enqueue(message(2), List.of(to("a"), to("b")));
        store.updateEntry(alone.sentAs(5).asReleased().asParked());
        store.updateEntry(shared.get(1).sentAs(6));
        List<QueueEntry> before = new ArrayList<>(store.readQueue("a", 0, 10));
        before.addAll(store.readQueue("b", 0, 10));

        reopen();

        List<QueueEntry> after = new ArrayList<>(store.readQueue("a", 0, 10));
        after.addAll(store.readQueue("b", 0, 10));
        assertThat(after).isEqualTo(before);
        store.ack("a", alone.seq());
        assertThat(store.loadMessage(1)).isEmpty();
        store.ack("a", shared.get(0).seq());
        assertThat(store.loadMessage(2)).as("b still refers to it").isPresent();
        store.ack("b", shared.get(1).seq());
        assertThat(store.loadMessage(2)).isEmpty();
    }

    @Test
    void maxMessageIdSurvivesEvenWhenEveryMessageIsGone() {
        store.enqueue(message(7), List.of(to("a")));
        store.enqueue(message(9), List.of(to("a")));
        store.enqueue(message(8), List.of(to("a")));
        store.deleteSession("a");

        reopen();

        assertThat(store.maxMessageId()).isEqualTo(9);
        assertThat(store.queuedCount()).isZero();
    }

    @Test
    void evictionAndExpiryStateIsRebuiltAtOpen() {
        store.enqueue(message(1, 100), List.of(to("a"), to("b")));
        store.enqueue(message(2, 200), List.of(to("a")));
        reopen();

        assertThat(keys(store.evictOldest(1))).containsExactly("a/1");
        assertThat(keys(store.expireBefore(150))).containsExactly("b/1");
        assertThat(store.loadMessage(1)).isEmpty();
        assertThat(store.queuedCount()).isEqualTo(1);
    }

    @Test
    void syncedStoreWorksTheSame() {
        store.close();
        store = new RocksDbMessageStore(new StoreConfig(StoreConfig.Type.ROCKSDB, dir.resolve("db").toString(), true));
        store.enqueue(message(1), List.of(to("a")));
        reopen();
        assertThat(messageIds(store.readQueue("a", 0, 10))).containsExactly(1L);
    }

    // ---- on-disk layout -----------------------------------------------------------------------

    @Test
    void payloadIsStoredOnceOnDiskAndDeletedWithItsLastReference() throws RocksDBException {
        byte[] payload = new byte[10_000];
        List<QueueEntry> entries = store.enqueue(new MessageRecord(1, "t", 1, payload, "p", 5),
                List.of(to("a"), to("b"), to("c")));
        store.close();

        Map<String, List<byte[]>> raw = readRaw();
        assertThat(raw.get(StoreDatabase.CF_MESSAGES)).hasSize(1);
        assertThat(raw.get(StoreDatabase.CF_MESSAGES).get(0).length).isBetween(10_000, 10_100);
        assertThat(raw.get(StoreDatabase.CF_QUEUES)).hasSize(3).allSatisfy(v -> assertThat(v.length).isLessThan(32));
        assertThat(raw.get(StoreDatabase.CF_AGE)).hasSize(3);
        assertThat(raw.get(StoreDatabase.CF_EXPIRY)).hasSize(1);

        store = open();
        for (QueueEntry e : entries) {
            store.ack(e.clientId(), e.seq());
        }
        store.close();

        raw = readRaw();
        assertThat(raw.get(StoreDatabase.CF_MESSAGES)).isEmpty();
        assertThat(raw.get(StoreDatabase.CF_QUEUES)).isEmpty();
        assertThat(raw.get(StoreDatabase.CF_AGE)).isEmpty();
        assertThat(raw.get(StoreDatabase.CF_EXPIRY)).isEmpty();
        store = open();
    }

    @Test
    void aPayloadLeftWithoutReferencesByACrashIsDroppedAtOpen() throws RocksDBException {
        QueueEntry e = store.enqueue(message(1), List.of(to("a"))).get(0);
        store.enqueue(message(2), List.of(to("a")));
        store.close();
        // What a crash between removing the last entry and deleting the payload leaves behind.
        withRaw((db, cf) -> {
            db.delete(cf.get(StoreDatabase.CF_QUEUES), StoreKeys.queue(StoreKeys.queuePrefix("a"), e.seq()));
            db.delete(cf.get(StoreDatabase.CF_AGE), StoreKeys.age(1, "a", e.seq()));
        });

        store = open();

        assertThat(store.loadMessage(1)).isEmpty();
        assertThat(store.loadMessage(2)).isPresent();
        assertThat(store.queuedCount()).isEqualTo(1);
        store.close();
        assertThat(readRaw().get(StoreDatabase.CF_EXPIRY)).hasSize(1);
        store = open();
    }

    // ---- opening and closing ------------------------------------------------------------------

    @Test
    void openingALockedDirectoryFailsNamingThePath() {
        String path = dir.resolve("db").toAbsolutePath().toString();

        assertThatThrownBy(this::open).isInstanceOf(StoreException.class).hasMessageContaining(path);
        store.enqueue(message(1), List.of(to("a")));
        assertThat(store.queuedCount()).isEqualTo(1);
    }

    @Test
    void openingACorruptedDirectoryFailsNamingThePath() throws IOException {
        store.enqueue(message(1), List.of(to("a")));
        store.close();
        Path db = dir.resolve("db");
        Path manifest = db.resolve(Files.readString(db.resolve("CURRENT")).trim());
        byte[] garbage = new byte[(int) Files.size(manifest)];
        java.util.Arrays.fill(garbage, (byte) 0x5A);
        Files.write(manifest, garbage);

        assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
                .hasMessageContaining(db.toAbsolutePath().toString());
        store = new MemoryMessageStore(); // for closeStore()
    }

    @Test
    void openingAPathThatIsAFileFailsNamingThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");

        assertThatThrownBy(() -> new RocksDbMessageStore(StoreConfig.rocksdb(file.toString())))
                .isInstanceOf(StoreException.class).hasMessageContaining(file.toAbsolutePath().toString());
    }

    @Test
    void aConfigurationWithoutPathIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new RocksDbMessageStore(new StoreConfig(StoreConfig.Type.ROCKSDB, " ", false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("store.path");
    }

    @Test
    void closeIsIdempotentAndLaterCallsFailClearly() {
        store.close();
        store.close();

        assertThatThrownBy(() -> store.enqueue(message(1), List.of(to("a"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.loadSessions()).isInstanceOf(IllegalStateException.class);
    }

    // ---- raw access to the database, for checks of the layout ---------------------------------

    @FunctionalInterface
    interface RawAction {
        void run(RocksDB db, Map<String, ColumnFamilyHandle> families) throws RocksDBException;
    }

    private Map<String, List<byte[]>> readRaw() throws RocksDBException {
        Map<String, List<byte[]>> values = new HashMap<>();
        withRaw((db, families) -> {
            for (Map.Entry<String, ColumnFamilyHandle> f : families.entrySet()) {
                List<byte[]> list = new ArrayList<>();
                try (RocksIterator it = db.newIterator(f.getValue())) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        list.add(it.value());
                    }
                }
                values.put(f.getKey(), list);
            }
        });
        return values;
    }

    private void withRaw(RawAction action) throws RocksDBException {
        String path = dir.resolve("db").toString();
        List<byte[]> names;
        try (Options options = new Options()) {
            names = RocksDB.listColumnFamilies(options, path);
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (ColumnFamilyOptions metaOptions = new ColumnFamilyOptions().setMergeOperatorName("max");
             ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
             DBOptions dbOptions = new DBOptions()) {
            List<ColumnFamilyDescriptor> descriptors = names.stream()
                    .map(n -> new ColumnFamilyDescriptor(n, new String(n, StandardCharsets.UTF_8).equals("default")
                            ? metaOptions : cfOptions))
                    .toList();
            RocksDB db = RocksDB.open(dbOptions, path, descriptors, handles);
            try {
                Map<String, ColumnFamilyHandle> byName = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    byName.put(new String(names.get(i), StandardCharsets.UTF_8), handles.get(i));
                }
                action.run(db, byName);
            } finally {
                handles.forEach(ColumnFamilyHandle::close); // handles before the database
                db.close();
            }
        }
    }
}
