package dev.lmqharness.kit.client;

import dev.lmqharness.kit.wire.ExchangeLog;
import dev.lmqharness.kit.wire.PacketFormat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** What both adapters share: the received-message queue and the log. */
abstract class AbstractAppClient implements AppClient {
    protected final ClientKind kind;
    protected final String clientId;
    protected final ExchangeLog log;
    protected final String label;
    protected final Duration timeout;
    private final BlockingQueue<AppMessage> messages = new LinkedBlockingQueue<>();
    private final CountDownLatch lost = new CountDownLatch(1);

    AbstractAppClient(ClientKind kind, String clientId, ExchangeLog log, String label, Duration timeout) {
        this.kind = kind;
        this.clientId = clientId;
        this.log = log;
        this.label = label;
        this.timeout = timeout;
    }

    @Override
    public ClientKind kind() {
        return kind;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    protected void received(AppMessage m) {
        log.record(label, "app", "message(" + m.topic() + ", qos=" + m.qos() + ", retained=" + m.retained() + ", "
                + PacketFormat.preview(m.payload()) + ")");
        messages.add(m);
    }

    @Override
    public AppMessage nextMessage(Duration t) {
        try {
            return messages.poll(t.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public List<AppMessage> drain() {
        List<AppMessage> out = new ArrayList<>();
        messages.drainTo(out);
        return out;
    }

    /** The library reported the connection lost (not after our own disconnect). */
    protected void markConnectionLost() {
        lost.countDown();
    }

    @Override
    public boolean awaitConnectionLost(Duration t) {
        try {
            return lost.await(t.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    protected LocallyRefusedException refusedLocally(String what, Exception e) {
        log.record(label, "app", kind + " refused " + what + " locally: " + e.getMessage());
        return new LocallyRefusedException(kind + " refuses " + what + " before sending anything: " + e.getMessage(), e);
    }

    static String hex(List<Integer> codes) {
        return codes.stream().map(c -> String.format("0x%02x", c)).collect(Collectors.joining(", ", "[", "]"));
    }
}
