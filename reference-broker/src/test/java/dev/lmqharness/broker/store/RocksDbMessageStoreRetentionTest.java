package dev.lmqharness.broker.store;

import dev.lmqharness.broker.clock.ControllableClock;
import dev.lmqharness.broker.config.StoreConfig;
import dev.lmqharness.broker.rules.LmqLimits;
import dev.lmqharness.broker.rules.OfflinePolicy;
import dev.lmqharness.broker.rules.Profile;
import dev.lmqharness.broker.rules.QosSessionPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OfflinePolicy and OfflinePolicy at the store, at a representative scale (tens of thousands of entries
 * over hundreds of clients), each checked against a plain model of what must be left:
 * eviction order (oldest message ID first, then client ID), entries in flight never evicted or
 * expired, the 3-day expiry with the broker's boundary (exactly 3 days old is expired), and order
 * and counts across a restart.
 */
@Timeout(120)
class RocksDbMessageStoreRetentionTest {

    /** Orders entries as {@link MessageStore#evictOldest} removes them. */
    private static final Comparator<QueueEntry> OLDEST_FIRST = Comparator.comparingLong(QueueEntry::messageId)
            .thenComparing(QueueEntry::clientId).thenComparingLong(QueueEntry::seq);
    private static final Duration THREE_DAYS = Duration.ofDays(3);
    private static final long NOW = Instant.parse("2025-06-01T12:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private MessageStore store;
    private final SplittableRandom random = new SplittableRandom(7);
    /** What the store must hold: (client, seq) to entry. */
    private final Map<String, QueueEntry> model = new HashMap<>();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private MessageStore open() {
        return new RocksDbMessageStore(StoreConfig.rocksdb(dir.resolve("db").toString()));
    }

    private void reopen() {
        store.close();
        store = open();
    }

    private static String key(QueueEntry e) {
        return e.clientId() + "/" + e.seq();
    }

    private static MessageRecord message(long id, long timestamp) {
        return new MessageRecord(id, "t/" + id, 1, ("p" + id).getBytes(), "pub", timestamp);
    }

    /**
     * Enqueues message IDs 1..{@code messages} in a shuffled order (as concurrent publishers do),
     * each to 1 to 3 distinct clients out of {@code clients}, and marks {@code inFlightShare} of
     * the entries as sent.
     */
    private void fill(int messages, int clients, double inFlightShare, java.util.function.LongUnaryOperator timestamp) {
        long[] ids = new long[messages];
        for (int i = 0; i < messages; i++) {
            ids[i] = i + 1;
        }
        for (int i = messages - 1; i > 0; i--) {
            // Shuffle within windows of 64: IDs arrive a little out of order, never far.
            int j = Math.max(i - 63, 0) + random.nextInt(Math.min(i, 63) + 1);
            long t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        for (long id : ids) {
            int n = 1 + random.nextInt(3);
            Set<String> to = new HashSet<>();
            while (to.size() < n) {
                to.add("client-" + random.nextInt(clients));
            }
            List<Recipient> recipients = to.stream().map(c -> new Recipient(c, 1 + random.nextInt(2))).toList();
            for (QueueEntry e : store.enqueue(message(id, timestamp.applyAsLong(id)), recipients)) {
                QueueEntry kept = e;
                if (random.nextDouble() < inFlightShare) {
                    kept = e.sentAs(1 + random.nextInt(65_535));
                    store.updateEntry(kept);
                }
                model.put(key(kept), kept);
            }
        }
    }

    private List<QueueEntry> modelIdleOldestFirst() {
        return model.values().stream().filter(e -> !e.inFlight()).sorted(OLDEST_FIRST).toList();
    }

    private Set<Long> modelMessageIds() {
        Set<Long> ids = new HashSet<>();
        model.values().forEach(e -> ids.add(e.messageId()));
        return ids;
    }

    /** Every queue of the store equals the model's, entry by entry and in order, and the counts agree. */
    private void assertStoreMatchesModel(int clients) {
        Map<String, TreeMap<Long, QueueEntry>> byClient = new HashMap<>();
        model.values().forEach(e -> byClient.computeIfAbsent(e.clientId(), c -> new TreeMap<>()).put(e.seq(), e));
        for (int c = 0; c < clients; c++) {
            String client = "client-" + c;
            List<QueueEntry> expected = new ArrayList<>(byClient.getOrDefault(client, new TreeMap<>()).values());
            assertThat(store.readQueue(client, 0, Integer.MAX_VALUE)).as(client).isEqualTo(expected);
            assertThat(store.queuedCount(client)).as(client).isEqualTo(expected.size());
        }
        assertThat(store.queuedCount()).isEqualTo(model.size());
    }

    @Test
    void evictionTakesTheOldestMessageIdsFirstAcrossManyClientsAndNeverAnEntryInFlight() {
        int clients = 500;
        fill(30_000, clients, 0.05, id -> id);
        List<QueueEntry> expected = modelIdleOldestFirst();
        Set<Long> everStored = modelMessageIds();
        assertThat(expected.size()).isGreaterThan(50_000);

        List<QueueEntry> evicted = new ArrayList<>();
        int[] steps = {1, 2, 10, 100, 1_000, 7_777};
        for (int i = 0; evicted.size() < expected.size(); i++) {
            int step = steps[i % steps.length];
            List<QueueEntry> batch = store.evictOldest(step);
            assertThat(batch).as("a call takes exactly what was asked while idle entries are left")
                    .hasSize(Math.min(step, expected.size() - evicted.size()));
            // Each call takes the oldest idle entries left, whatever the calls before took.
            assertThat(batch).isEqualTo(expected.subList(evicted.size(), evicted.size() + batch.size()));
            evicted.addAll(batch);
            batch.forEach(e -> model.remove(key(e)));
            assertThat(store.queuedCount()).isEqualTo(model.size());
        }
        assertThat(store.evictOldest(100)).as("only entries in flight are left").isEmpty();
        assertThat(model.values()).isNotEmpty().allMatch(QueueEntry::inFlight);
        assertStoreMatchesModel(clients);

        // A payload goes with its last entry: those still referenced by an entry in flight stay.
        Set<Long> referenced = modelMessageIds();
        for (long id : everStored) {
            assertThat(store.loadMessage(id).isPresent()).as("message %d", id).isEqualTo(referenced.contains(id));
        }
    }

    @Test
    void atTheCapEachNewMessageEvictsTheOldest() {
        int cap = 10_000;
        List<Long> evictedIds = new ArrayList<>();
        for (long id = 1; id <= 30_000; id++) {
            store.enqueue(message(id, id), List.of(new Recipient("client-" + (id % 300), 1)));
            long over = store.queuedCount() - cap;
            if (over > 0) {
                store.evictOldest(over).forEach(e -> evictedIds.add(e.messageId()));
            }
        }

        assertThat(store.queuedCount()).isEqualTo(cap);
        assertThat(evictedIds).hasSize(20_000).isSorted();
        assertThat(evictedIds.get(0)).isEqualTo(1L);
        assertThat(evictedIds.get(evictedIds.size() - 1)).isEqualTo(20_000L);
        List<Long> left = new ArrayList<>();
        for (int c = 0; c < 300; c++) {
            store.readQueue("client-" + c, 0, Integer.MAX_VALUE).forEach(e -> left.add(e.messageId()));
        }
        assertThat(left).hasSize(cap).allMatch(id -> id > 20_000);
        assertThat(store.loadMessage(20_000)).isEmpty();
        assertThat(store.loadMessage(20_001)).isPresent();
    }

    /**
     * OfflinePolicy's boundary as the broker applies it ({@link OfflinePolicy}, with its clock): a
     * message accepted at {@code t} is expired from {@code t + 3 days} on, inclusive. So at
     * {@code now}, one exactly 3 days old goes, one 3 days less a millisecond old stays until the
     * clock moves on by that millisecond.
     */
    @Test
    void expiryRemovesEverythingThreeDaysOldOrOlderAtTheBrokersBoundary() {
        ControllableClock clock = new ControllableClock(NOW);
        OfflinePolicy policy = new OfflinePolicy(LmqLimits.defaults(), clock, new QosSessionPolicy(Profile.LMQ));
        long threeDaysAgo = NOW - THREE_DAYS.toMillis();
        int clients = 400;
        int messages = 20_000;
        long fourDays = Duration.ofDays(4).toMillis();
        long spacing = fourDays / messages + 1; // so that no fill message lands on the boundary itself
        java.util.function.LongUnaryOperator fillTime = i -> NOW - fourDays + (i - 1) * spacing;
        // Accepted over four days up to now, oldest first: about a quarter is older than three days.
        fill(messages, clients, 0.03, fillTime);
        List<QueueEntry> boundaryEntries = new ArrayList<>();
        Map<Long, Long> timestampOf = new HashMap<>();
        for (long i = 1; i <= messages; i++) {
            timestampOf.put(i, fillTime.applyAsLong(i));
        }
        long id = messages;
        for (long offset : new long[] {-1, 0, 1}) {
            MessageRecord m = message(++id, threeDaysAgo + offset);
            timestampOf.put(m.id(), m.timestamp());
            QueueEntry e = store.enqueue(m, List.of(new Recipient("client-0", 1))).get(0);
            model.put(key(e), e);
            boundaryEntries.add(e);
        }
        assertThat(threeDaysAgo < policy.expireBeforeMillis()).isTrue();
        assertThat(threeDaysAgo + 1 < policy.expireBeforeMillis()).isFalse();
        List<QueueEntry> expected = model.values().stream()
                .filter(e -> !e.inFlight() && timestampOf.get(e.messageId()) < policy.expireBeforeMillis()).toList();
        assertThat(expected.size()).isGreaterThan(4_000);

        List<QueueEntry> expired = store.expireBefore(policy.expireBeforeMillis());

        assertThat(expired).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expired).as("3 days and 1 ms old, exactly 3 days old: expired")
                .contains(boundaryEntries.get(0), boundaryEntries.get(1))
                .as("3 days less 1 ms old: kept").doesNotContain(boundaryEntries.get(2));
        expired.forEach(e -> model.remove(key(e)));
        assertStoreMatchesModel(clients);
        assertThat(model.values()).filteredOn(e -> timestampOf.get(e.messageId()) < policy.expireBeforeMillis())
                .as("what is left of the expired ones is in flight").isNotEmpty().allMatch(QueueEntry::inFlight);
        assertThat(store.expireBefore(policy.expireBeforeMillis())).as("nothing more at the same time").isEmpty();
        assertThat(store.loadMessage(boundaryEntries.get(1).messageId())).isEmpty();

        // One millisecond later, the message that was 3 days less 1 ms old is exactly 3 days old: it goes.
        clock.advance(Duration.ofMillis(1));
        assertThat(store.expireBefore(policy.expireBeforeMillis())).containsExactly(boundaryEntries.get(2));
        assertThat(store.loadMessage(boundaryEntries.get(2).messageId())).isEmpty();
        assertThat(store.queuedCount()).isEqualTo(model.size() - 1);
    }

    @Test
    void aRestartKeepsEveryQueueInOrderWithCountsReferencesAndInFlightState() {
        int clients = 1_000;
        fill(40_000, clients, 0.05, id -> id);
        // Some entries acknowledged and some evicted before the restart, so queues have gaps.
        List<QueueEntry> all = new ArrayList<>(model.values());
        for (int i = 0; i < all.size(); i += 7) {
            QueueEntry e = all.get(i);
            store.ack(e.clientId(), e.seq());
            model.remove(key(e));
        }
        store.evictOldest(5_000).forEach(e -> model.remove(key(e)));
        long maxSeq = model.values().stream().mapToLong(QueueEntry::seq).max().orElseThrow();

        reopen();

        assertStoreMatchesModel(clients);
        assertThat(store.maxMessageId()).isEqualTo(40_000);
        QueueEntry next = store.enqueue(message(40_001, 40_001), List.of(new Recipient("client-3", 1))).get(0);
        assertThat(next.seq()).as("sequence numbers keep increasing after a restart").isGreaterThan(maxSeq);
        model.put(key(next), next);

        // Reference counts were rebuilt right: evicting every idle entry frees exactly the payloads
        // no entry in flight still needs, no more and no fewer.
        Set<Long> everStored = modelMessageIds();
        store.evictOldest(Long.MAX_VALUE).forEach(e -> model.remove(key(e)));
        assertThat(model.values()).allMatch(QueueEntry::inFlight);
        Set<Long> referenced = modelMessageIds();
        for (long id : everStored) {
            assertThat(store.loadMessage(id).isPresent()).as("message %d", id).isEqualTo(referenced.contains(id));
        }
        reopen();
        assertStoreMatchesModel(clients);
    }

}
