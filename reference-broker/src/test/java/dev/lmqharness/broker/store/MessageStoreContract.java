package dev.lmqharness.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link MessageStore} promises (see its Javadoc). Subclasses only say how to open one.
 */
@Timeout(60)
abstract class MessageStoreContract {

    protected MessageStore store;

    /** A new, empty store. */
    protected abstract MessageStore openStore();

    @BeforeEach
    void openFreshStore() {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---- helpers ------------------------------------------------------------------------------

    static MessageRecord message(long id) {
        return message(id, 1_000L * id);
    }

    static MessageRecord message(long id, long timestamp) {
        return new MessageRecord(id, "t/" + id, 1, ("payload-" + id).getBytes(StandardCharsets.UTF_8),
                "publisher", timestamp);
    }

    static Recipient to(String clientId) {
        return new Recipient(clientId, 1);
    }

    static List<Long> messageIds(List<QueueEntry> entries) {
        return entries.stream().map(QueueEntry::messageId).toList();
    }

    static List<String> keys(List<QueueEntry> entries) {
        return entries.stream().map(e -> e.clientId() + "/" + e.messageId()).toList();
    }

    static void assertSameMessage(MessageRecord actual, MessageRecord expected) {
        // Records compare arrays by identity; compare the payload's content instead.
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    QueueEntry only(String clientId) {
        List<QueueEntry> q = store.readQueue(clientId, 0, 10);
        assertThat(q).hasSize(1);
        return q.get(0);
    }

    // ---- enqueue and read ---------------------------------------------------------------------

    @Test
    void enqueueReturnsOneEntryPerRecipientInRecipientOrder() {
        List<QueueEntry> first = store.enqueue(message(1), List.of(new Recipient("b", 1), new Recipient("a", 2)));
        List<QueueEntry> second = store.enqueue(message(2), List.of(to("a")));

        // Sequence numbers increase per recipient; they need not be consecutive nor start at 1.
        assertThat(first).containsExactly(new QueueEntry("b", first.get(0).seq(), 1, 1, 0, false),
                new QueueEntry("a", first.get(1).seq(), 1, 2, 0, false));
        assertThat(second).containsExactly(new QueueEntry("a", second.get(0).seq(), 2, 1, 0, false));
        assertThat(second.get(0).seq()).isGreaterThan(first.get(1).seq());
        assertThat(first.get(0).seq()).isPositive();
        assertThat(first.get(1).seq()).isPositive();
        assertThat(store.readQueue("a", 0, 10)).containsExactly(first.get(1), second.get(0));
        assertThat(store.readQueue("b", 0, 10)).containsExactly(first.get(0));
        assertThat(store.queuedCount()).isEqualTo(3);
        assertThat(store.queuedCount("a")).isEqualTo(2);
        assertThat(store.queuedCount("b")).isEqualTo(1);
        assertThat(store.queuedCount("nobody")).isZero();
    }

    @Test
    void readQueueIsOldestFirstAndPagesByAfterSeqAndMax() {
        List<Long> enqueued = new ArrayList<>();
        for (long id = 1; id <= 300; id++) {
            store.enqueue(message(id), List.of(to("a"), to("b")));
            enqueued.add(id);
        }
        List<QueueEntry> paged = new ArrayList<>();
        long after = 0;
        for (List<QueueEntry> page = store.readQueue("a", after, 70); !page.isEmpty(); page = store.readQueue("a", after, 70)) {
            assertThat(page.size()).isLessThanOrEqualTo(70);
            paged.addAll(page);
            after = page.get(page.size() - 1).seq();
        }
        assertThat(messageIds(paged)).isEqualTo(enqueued);
        assertThat(paged).extracting(QueueEntry::seq).isSorted().doesNotHaveDuplicates();
        assertThat(store.readQueue("a", 0, 0)).isEmpty();
        assertThat(store.readQueue("a", paged.get(299).seq(), 10)).isEmpty();
        assertThat(store.readQueue("nobody", 0, 10)).isEmpty();
    }

    @Test
    void aStoredMessageIdIsNotEnqueuedAgain() {
        QueueEntry e = store.enqueue(message(4), List.of(to("a"))).get(0);
        store.enqueue(message(9), List.of(to("a")));

        assertThatThrownBy(() -> store.enqueue(message(4), List.of(to("b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4");
        assertThat(store.readQueue("b", 0, 10)).isEmpty();
        assertThat(store.queuedCount()).isEqualTo(2);

        // Once its last entry went, the ID holds nothing, and its payload went with the only reference.
        store.ack("a", e.seq());
        assertThat(store.loadMessage(4)).isEmpty();
        assertThat(messageIds(store.readQueue("a", 0, 10))).containsExactly(9L);
    }

    @Test
    void loadMessageReturnsWhatWasStored() {
        MessageRecord unicode = new MessageRecord(7, "télé/数据/🚀", 2, new byte[0], "pub-é", 123_456L);
        MessageRecord noPublisher = new MessageRecord(8, "t", 1, new byte[] {0, 1, (byte) 0xFF}, null, -5L);
        store.enqueue(unicode, List.of(to("a")));
        store.enqueue(noPublisher, List.of(to("a")));

        assertSameMessage(store.loadMessage(7).orElseThrow(), unicode);
        assertSameMessage(store.loadMessage(8).orElseThrow(), noPublisher);
        assertThat(store.loadMessage(9)).isEmpty();
    }

    // ---- references and ack -------------------------------------------------------------------

    @Test
    void payloadIsKeptUntilItsLastReferenceIsAcknowledged() {
        List<QueueEntry> entries = store.enqueue(message(1), List.of(to("a"), to("b"), to("c")));

        store.ack("a", entries.get(0).seq());
        store.ack("b", entries.get(1).seq());
        assertThat(store.loadMessage(1)).isPresent();
        store.ack("c", entries.get(2).seq());

        assertThat(store.loadMessage(1)).isEmpty();
        assertThat(store.queuedCount()).isZero();
    }

    @Test
    void ackRemovesOnlyThatEntryAndIgnoresRepeatsAndUnknownEntries() {
        store.enqueue(message(1), List.of(to("a")));
        QueueEntry second = store.enqueue(message(2), List.of(to("a"))).get(0);

        store.ack("a", second.seq());
        store.ack("a", second.seq());
        store.ack("a", 999);
        store.ack("nobody", 1);

        assertThat(messageIds(store.readQueue("a", 0, 10))).containsExactly(1L);
        assertThat(store.queuedCount()).isEqualTo(1);
        assertThat(store.queuedCount("a")).isEqualTo(1);
        assertThat(store.loadMessage(2)).isEmpty();
    }

    @Test
    void updateEntryRecordsSendingAndRelease() {
        QueueEntry e = store.enqueue(message(1), List.of(new Recipient("a", 2))).get(0);

        store.updateEntry(e.sentAs(17));
        assertThat(only("a")).isEqualTo(e.sentAs(17)).matches(QueueEntry::inFlight);
        store.updateEntry(e.sentAs(17).asReleased());
        assertThat(only("a").released()).isTrue();
        assertThat(only("a").packetId()).isEqualTo(17);

        store.ack("a", e.seq());
        assertThat(store.readQueue("a", 0, 10)).isEmpty();
    }

    @Test
    void updateEntryNeverBringsBackARemovedEntry() {
        QueueEntry e = store.enqueue(message(1), List.of(to("a"))).get(0);
        store.ack("a", e.seq());

        store.updateEntry(e.sentAs(3));

        assertThat(store.readQueue("a", 0, 10)).isEmpty();
        assertThat(store.queuedCount()).isZero();
        assertThat(store.queuedCount("a")).isZero();
    }

    @Test
    void updateEntryRefusesToPointAnEntryAtAnotherMessage() {
        QueueEntry e = store.enqueue(message(1), List.of(to("a"))).get(0);
        QueueEntry wrong = new QueueEntry("a", e.seq(), 2, 1, 5, false);

        assertThatThrownBy(() -> store.updateEntry(wrong)).isInstanceOf(IllegalArgumentException.class);
        assertThat(only("a")).isEqualTo(e);
    }

    // ---- sessions -----------------------------------------------------------------------------

    @Test
    void sessionsAreSavedReplacedAndLoaded() {
        SessionRecord a = new SessionRecord("a", Map.of("f/#", 1, "g/+/h", 2, "数据", 0));
        SessionRecord b = new SessionRecord("b", Map.of());
        store.saveSession(a);
        store.saveSession(b);

        assertThat(store.loadSession("a")).contains(a);
        assertThat(store.loadSession("b")).contains(b);
        assertThat(store.loadSession("c")).isEmpty();
        assertThat(store.loadSessions()).containsExactlyInAnyOrder(a, b);

        SessionRecord a2 = new SessionRecord("a", Map.of("x", 1));
        store.saveSession(a2);
        assertThat(store.loadSession("a")).contains(a2);
        assertThat(store.loadSessions()).containsExactlyInAnyOrder(a2, b);
    }

    @Test
    void deleteSessionRemovesSessionAndQueueAndReleasesReferences() {
        store.saveSession(new SessionRecord("a", Map.of("t/#", 1)));
        store.saveSession(new SessionRecord("b", Map.of("t/#", 1)));
        store.enqueue(message(1), List.of(to("a"), to("b")));
        QueueEntry inFlight = store.enqueue(message(2), List.of(to("a"))).get(0);
        store.updateEntry(inFlight.sentAs(1));

        store.deleteSession("a");

        assertThat(store.loadSession("a")).isEmpty();
        assertThat(store.loadSessions()).extracting(SessionRecord::clientId).containsExactly("b");
        assertThat(store.readQueue("a", 0, 10)).isEmpty();
        assertThat(store.queuedCount("a")).isZero();
        assertThat(store.queuedCount()).isEqualTo(1);
        assertThat(store.loadMessage(1)).as("still referenced by b").isPresent();
        assertThat(store.loadMessage(2)).as("only a referenced it").isEmpty();

        store.enqueue(message(3), List.of(to("a")));
        assertThat(messageIds(store.readQueue("a", 0, 10))).containsExactly(3L);
        store.deleteSession("nobody");
        assertThat(store.queuedCount()).isEqualTo(2);
    }

    // ---- eviction and expiry ------------------------------------------------------------------

    @Test
    void evictOldestRemovesByMessageIdThenClientId() {
        store.enqueue(message(30), List.of(to("x")));
        store.enqueue(message(10), List.of(to("b"), to("a")));
        store.enqueue(message(20), List.of(to("a")));

        assertThat(keys(store.evictOldest(2))).containsExactly("a/10", "b/10");
        assertThat(store.loadMessage(10)).isEmpty();
        assertThat(keys(store.evictOldest(1))).containsExactly("a/20");
        assertThat(store.queuedCount()).isEqualTo(1);
        assertThat(messageIds(store.readQueue("x", 0, 10))).containsExactly(30L);
        assertThat(store.evictOldest(0)).isEmpty();
    }

    @Test
    void evictOldestNeverRemovesAnEntryInFlight() {
        QueueEntry oldest = store.enqueue(message(1), List.of(to("a"))).get(0);
        store.enqueue(message(2), List.of(to("a")));
        store.enqueue(message(3), List.of(to("b")));
        store.updateEntry(oldest.sentAs(9));

        assertThat(keys(store.evictOldest(2))).containsExactly("a/2", "b/3");
        assertThat(store.evictOldest(5)).isEmpty();
        assertThat(store.readQueue("a", 0, 10)).containsExactly(oldest.sentAs(9));
        assertThat(store.loadMessage(1)).isPresent();

        store.updateEntry(oldest); // not in flight any more (packet ID 0): evictable again
        assertThat(keys(store.evictOldest(5))).containsExactly("a/1");
        assertThat(store.queuedCount()).isZero();
    }

    @Test
    void evictOldestKeepsFindingOlderEntriesEnqueuedAfterAnEviction() {
        store.enqueue(message(5), List.of(to("a")));
        store.enqueue(message(6), List.of(to("a")));
        assertThat(keys(store.evictOldest(1))).containsExactly("a/5");
        // Concurrent publishers can enqueue an older ID after a newer one was evicted.
        store.enqueue(message(3), List.of(to("b")));

        assertThat(keys(store.evictOldest(2))).containsExactly("b/3", "a/6");
    }

    @Test
    void expireBeforeRemovesOlderEntriesButNotThoseInFlight() {
        List<QueueEntry> first = store.enqueue(message(1, 1_000), List.of(to("a"), to("b")));
        store.enqueue(message(2, 2_000), List.of(to("a")));
        store.enqueue(message(3, 3_000), List.of(to("a")));
        store.updateEntry(first.get(1).sentAs(4));

        assertThat(store.expireBefore(1_000)).as("strictly before").isEmpty();
        assertThat(keys(store.expireBefore(2_500))).containsExactlyInAnyOrder("a/1", "a/2");

        assertThat(messageIds(store.readQueue("a", 0, 10))).containsExactly(3L);
        assertThat(store.readQueue("b", 0, 10)).containsExactly(first.get(1).sentAs(4));
        assertThat(store.loadMessage(1)).as("b's entry is in flight").isPresent();
        assertThat(store.loadMessage(2)).isEmpty();
        assertThat(store.queuedCount()).isEqualTo(2);

        store.ack("b", first.get(1).seq());
        assertThat(store.loadMessage(1)).isEmpty();
    }

    @Test
    void aParkedEntryKeepsItsPacketIdButIsEvictedAndExpiredLikeAnOfflineOne() {
        QueueEntry alone = store.enqueue(message(1, 100), List.of(to("a"))).get(0);
        List<QueueEntry> shared = store.enqueue(message(2, 200), List.of(to("a"), to("b")));
        store.updateEntry(alone.sentAs(7).asParked());
        store.updateEntry(shared.get(0).sentAs(8).asReleased().asParked());

        List<QueueEntry> a = store.readQueue("a", 0, 10);
        assertThat(a).containsExactly(alone.sentAs(7).asParked(), shared.get(0).sentAs(8).asReleased().asParked());
        assertThat(a).noneMatch(QueueEntry::inFlight).allMatch(QueueEntry::parked);

        assertThat(keys(store.evictOldest(1))).containsExactly("a/1");
        assertThat(store.loadMessage(1)).isEmpty();
        assertThat(keys(store.expireBefore(300))).containsExactlyInAnyOrder("a/2", "b/2");
        assertThat(store.loadMessage(2)).isEmpty();
        assertThat(store.queuedCount()).isZero();
    }

    @Test
    void expireBeforeKeepsFindingOlderMessagesEnqueuedOrLeftIdleAfterAnExpiry() {
        store.enqueue(message(1, 1_000), List.of(to("a")));
        store.enqueue(message(2, 5_000), List.of(to("a")));
        QueueEntry sent = store.enqueue(message(3, 1_500), List.of(to("c"))).get(0);
        store.updateEntry(sent.sentAs(8));
        assertThat(keys(store.expireBefore(2_000))).containsExactly("a/1");

        // A retained message delivered later keeps its original, older timestamp.
        store.enqueue(message(4, 500), List.of(to("b")));
        assertThat(keys(store.expireBefore(2_000))).containsExactly("b/4");
        // The entry that was in flight is idle again (its client went away before the PUBACK).
        store.updateEntry(sent);
        assertThat(keys(store.expireBefore(2_000))).containsExactly("c/3");
        assertThat(keys(store.expireBefore(6_000))).containsExactly("a/2");
        assertThat(store.queuedCount()).isZero();
    }

    // ---- retained and IDs ---------------------------------------------------------------------

    @Test
    void retainedMessagesArePutReplacedRemovedAndLoaded() {
        store.putRetained(new MessageRecord(1, "t/1", 1, new byte[] {1}, "p", 10));
        store.putRetained(new MessageRecord(2, "t/2", 0, new byte[] {2}, "p", 20));
        MessageRecord replacement = new MessageRecord(3, "t/1", 2, new byte[] {3}, "q", 30);
        store.putRetained(replacement);

        Map<String, MessageRecord> loaded = store.loadRetained();
        assertThat(loaded).containsOnlyKeys("t/1", "t/2");
        assertSameMessage(loaded.get("t/1"), replacement);

        store.removeRetained("t/2");
        store.removeRetained("never/there");
        assertThat(store.loadRetained()).containsOnlyKeys("t/1");
    }

    @Test
    void maxMessageIdIsTheLargestIdEverEnqueued() {
        assertThat(store.maxMessageId()).isZero();
        QueueEntry e = store.enqueue(message(5), List.of(to("a"))).get(0);
        store.enqueue(message(3), List.of(to("a")));
        assertThat(store.maxMessageId()).isEqualTo(5);
        store.enqueue(message(9), List.of());
        assertThat(store.maxMessageId()).isEqualTo(9);
        store.ack("a", e.seq());
        assertThat(store.maxMessageId()).isEqualTo(9);
    }

    // ---- concurrency --------------------------------------------------------------------------

    @Test
    void concurrentEnqueuesLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 400;
        AtomicLong ids = new AtomicLong();
        List<Callable<Void>> publishers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            String own = "client-" + t;
            publishers.add(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    store.enqueue(message(ids.incrementAndGet()), List.of(to(own), to("shared")));
                }
                return null;
            });
        }
        runAll(publishers, start);

        for (int t = 0; t < threads; t++) {
            List<QueueEntry> q = store.readQueue("client-" + t, 0, Integer.MAX_VALUE);
            assertThat(q).hasSize(perThread);
            assertThat(messageIds(q)).as("one publisher's order is kept").isSorted();
            assertThat(store.queuedCount("client-" + t)).isEqualTo(perThread);
        }
        List<QueueEntry> shared = store.readQueue("shared", 0, Integer.MAX_VALUE);
        assertThat(shared).hasSize(threads * perThread);
        assertThat(shared).extracting(QueueEntry::seq).doesNotHaveDuplicates().isSorted();
        assertThat(messageIds(shared)).doesNotHaveDuplicates();
        assertThat(store.queuedCount()).isEqualTo(2L * threads * perThread);
        assertThat(store.maxMessageId()).isEqualTo(threads * perThread);
        for (long id = 1; id <= threads * perThread; id++) {
            assertThat(store.loadMessage(id)).isPresent();
        }
    }

    @Test
    void concurrentAcksAndEvictionsRemoveEachEntryOnce() throws Exception {
        int n = 300;
        for (long id = 1; id <= n; id++) {
            store.enqueue(message(id), List.of(to("a"), to("b")));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<QueueEntry> evicted = new ArrayList<>();
        runAll(List.of(
                () -> {
                    start.await();
                    for (QueueEntry e : store.readQueue("a", 0, Integer.MAX_VALUE)) {
                        store.ack("a", e.seq());
                    }
                    return null;
                },
                () -> {
                    start.await();
                    for (QueueEntry e : store.readQueue("b", 0, Integer.MAX_VALUE)) {
                        store.ack("b", e.seq());
                    }
                    return null;
                },
                () -> {
                    start.await();
                    for (List<QueueEntry> batch = store.evictOldest(7); !batch.isEmpty(); batch = store.evictOldest(7)) {
                        evicted.addAll(batch);
                    }
                    return null;
                }), start);

        assertThat(store.queuedCount()).isZero();
        assertThat(store.queuedCount("a")).isZero();
        assertThat(store.queuedCount("b")).isZero();
        assertThat(keys(evicted)).doesNotHaveDuplicates();
        for (long id = 1; id <= n; id++) {
            assertThat(store.loadMessage(id)).isEmpty();
        }
    }

    @Test
    void evictionRacingTheOwnerNeverRemovesAnEntryItMarkedInFlight() throws Exception {
        int n = 400;
        List<QueueEntry> entries = new ArrayList<>();
        for (long id = 1; id <= n; id++) {
            entries.addAll(store.enqueue(message(id), List.of(to("a"))));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<QueueEntry> evicted = new ArrayList<>();
        runAll(List.of(
                () -> {
                    start.await();
                    for (QueueEntry e : entries) {
                        store.updateEntry(e.sentAs(1 + (int) (e.seq() % 60_000)));
                    }
                    return null;
                },
                () -> {
                    start.await();
                    for (List<QueueEntry> batch = store.evictOldest(3); !batch.isEmpty(); batch = store.evictOldest(3)) {
                        evicted.addAll(batch);
                    }
                    return null;
                }), start);

        List<QueueEntry> remaining = store.readQueue("a", 0, Integer.MAX_VALUE);
        assertThat(evicted).allSatisfy(e -> assertThat(e.inFlight()).isFalse());
        assertThat(remaining).allSatisfy(e -> assertThat(e.inFlight()).as("left but never sent: %s", e).isTrue());
        Set<Long> evictedSeqs = new HashSet<>();
        evicted.forEach(e -> evictedSeqs.add(e.seq()));
        assertThat(remaining).noneMatch(e -> evictedSeqs.contains(e.seq()));
        assertThat(evicted.size() + remaining.size()).isEqualTo(n);
        assertThat(store.queuedCount()).isEqualTo(remaining.size());
    }

    @Test
    void deleteSessionRacingEnqueuesLeavesConsistentCountsAndReferences() throws Exception {
        int n = 400;
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong ids = new AtomicLong();
        AtomicBoolean publishing = new AtomicBoolean(true);
        runAll(List.of(
                () -> {
                    start.await();
                    for (int i = 0; i < n; i++) {
                        store.enqueue(message(ids.incrementAndGet()), List.of(to("a"), to("b")));
                    }
                    publishing.set(false);
                    return null;
                },
                () -> {
                    start.await();
                    while (publishing.get()) {
                        store.deleteSession("a");
                    }
                    return null;
                }), start);

        List<QueueEntry> a = store.readQueue("a", 0, Integer.MAX_VALUE);
        List<QueueEntry> b = store.readQueue("b", 0, Integer.MAX_VALUE);
        assertThat(b).hasSize(n);
        assertThat(store.queuedCount("a")).isEqualTo(a.size());
        assertThat(store.queuedCount()).isEqualTo(a.size() + b.size());
        assertThat(a).extracting(QueueEntry::seq).doesNotHaveDuplicates();

        store.deleteSession("a");
        store.deleteSession("b");
        assertThat(store.queuedCount()).isZero();
        for (long id = 1; id <= n; id++) {
            assertThat(store.loadMessage(id)).as("message %d after both queues went", id).isEmpty();
        }
    }

    private static void runAll(List<Callable<Void>> tasks, CountDownLatch start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(task));
            }
            start.countDown();
            for (Future<Void> f : futures) {
                f.get(45, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
