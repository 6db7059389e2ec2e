package dev.lmqharness.broker.rules;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * LMQ-MSG-3: every accepted message gets a globally unique message ID, by which its trace can be
 * queried. IDs are positive, strictly increasing longs; seeding with the store's largest ID at
 * start ({@code MessageStore.maxMessageId()}) keeps them unique across restarts.
 *
 * <p>The text form (trace API, logs) is 16 lower-case hex digits, so text order equals numeric order.
 * Thread-safe.
 */
public final class MessageIdGenerator {
    public static final String RULE = "LMQ-MSG-3";


    private static final int TEXT_LENGTH = 16;

    private final AtomicLong last;

    /** @param storeMaxId the largest ID already stored, 0 for an empty store */
    public MessageIdGenerator(long storeMaxId) {
        if (storeMaxId < 0) {
            throw new IllegalArgumentException("store max message ID must be >= 0, was " + storeMaxId);
        }
        this.last = new AtomicLong(storeMaxId);
    }

    public long next() {
        long id = last.incrementAndGet();
        if (id <= 0) {
            throw new IllegalStateException("message ID space exhausted");
        }
        return id;
    }

    /** The last ID handed out (or the seed). */
    public long lastIssued() {
        return last.get();
    }

    public static String format(long id) {
        if (id <= 0) {
            throw new IllegalArgumentException("message IDs are positive, was " + id);
        }
        String hex = Long.toHexString(id);
        return "0".repeat(TEXT_LENGTH - hex.length()) + hex;
    }

    /** Parses the text form (either case); empty for anything else, so bad API input is not an exception. */
    public static OptionalLong parse(String text) {
        if (text == null || text.length() != TEXT_LENGTH) {
            return OptionalLong.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return OptionalLong.empty();
            }
        }
        long id = Long.parseUnsignedLong(lower, 16);
        return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    }
}
