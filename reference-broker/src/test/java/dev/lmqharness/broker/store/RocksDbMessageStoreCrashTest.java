package dev.lmqharness.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lmqharness.broker.config.StoreConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a process that is writing to the store and checks that everything the store had
 * acknowledged to it is there after reopening: the write-ahead log, not the fsync, carries this.
 */
@Timeout(180)
class RocksDbMessageStoreCrashTest {

    private static final Pattern LINE = Pattern.compile("(stored|acked) (\\d+);");
    private static final int WANTED = 400;

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void everythingAcknowledgedBeforeAKillIsThereAfterReopening() throws Exception {
        Path db = dir.resolve("db");
        Path childErr = dir.resolve("child-stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                StoreCrashChild.class.getName(), db.toString())
                .redirectError(childErr.toFile())
                .start();

        ConcurrentLinkedQueue<Long> stored = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> acked = new ConcurrentLinkedQueue<>();
        AtomicBoolean ended = new AtomicBoolean();
        Thread reader = new Thread(() -> readChild(stored, acked, ended), "crash-child-reader");
        reader.setDaemon(true);
        reader.start();

        await("child stored " + WANTED + " messages").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .failFast("child exited early, stderr: " + childErr, () -> !child.isAlive())
                .until(() -> stored.size() >= WANTED);

        // The running child holds the store: another process cannot open it, and is told where.
        assertThatThrownBy(() -> new RocksDbMessageStore(StoreConfig.rocksdb(db.toString())))
                .isInstanceOf(StoreException.class).hasMessageContaining(db.toAbsolutePath().toString());

        child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child died").isTrue();
        await("child output read to the end").atMost(Duration.ofSeconds(30)).untilTrue(ended);

        Set<Long> keeper = new HashSet<>();
        Set<Long> acker = new HashSet<>();
        try (RocksDbMessageStore store = new RocksDbMessageStore(StoreConfig.rocksdb(db.toString()))) {
            store.readQueue("keeper", 0, Integer.MAX_VALUE).forEach(e -> keeper.add(e.messageId()));
            store.readQueue("acker", 0, Integer.MAX_VALUE).forEach(e -> acker.add(e.messageId()));
            assertThat(keeper).containsAll(stored);
            for (long id : stored) {
                assertThat(store.loadMessage(id)).as("payload of message %d", id).isPresent();
            }
            assertThat(acker).doesNotContainAnyElementsOf(acked);
            assertThat(store.queuedCount()).isEqualTo(keeper.size() + acker.size());
            assertThat(store.maxMessageId()).isGreaterThanOrEqualTo(stored.stream().mapToLong(Long::longValue).max().orElseThrow());

            List<QueueEntry> after = store.enqueue(MessageStoreContract.message(store.maxMessageId() + 1),
                    List.of(new Recipient("keeper", 1)));
            assertThat(store.readQueue("keeper", 0, Integer.MAX_VALUE)).last().isEqualTo(after.get(0));
        }
        assertThat(Files.readString(childErr)).doesNotContain("Exception");
    }

    private void readChild(ConcurrentLinkedQueue<Long> stored, ConcurrentLinkedQueue<Long> acked, AtomicBoolean ended) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                // A line cut by the kill has no ';' and is ignored.
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    (m.group(1).equals("stored") ? stored : acked).add(Long.parseLong(m.group(2)));
                }
            }
        } catch (IOException e) {
            // the pipe closes when the child dies; what was read is what counts
        } finally {
            ended.set(true);
        }
    }
}
