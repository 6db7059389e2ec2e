package dev.lmqharness.load.core;

/**
 * Whether a receiver has everything it should have, so its client may leave: the decision of
 * {@code awaitDelivered}, free of Gatling so it is tested alone.
 *
 * <p>The drain is over once at least {@code afterPublishers} publishers of the receiver's topics
 * have finished, none is still publishing, none has a publish whose outcome the ledger has not
 * yet counted, and every message they got accepted has arrived. The in-flight condition matters
 * because the client learns of an acknowledgement before the ledger counts it (or, after an
 * acknowledgement timeout, long before): a drain that ended in between would see an expectation
 * one short, let its client leave, and the message then routed to it would show as lost.
 */
public final class DrainCheck {

    public enum State {
        /** Everything expected arrived and no more can be expected. */
        COMPLETE,
        /** Publishers of its topics are missing, still publishing, or have publishes in flight. */
        AWAITING_PUBLISHERS,
        /** Publishers are done; accepted messages have not all arrived (yet). */
        AWAITING_MESSAGES
    }

    public record Verdict(State state, DeliveryLedger.PublisherState publishers, long afterPublishers,
                          long expected, long received) {

        public boolean complete() {
            return state == State.COMPLETE;
        }

        /** Why a drain that ends now is not complete; the KO message of a timed-out drain. */
        public String describe() {
            return switch (state) {
                case COMPLETE -> "received all " + expected + " messages";
                case AWAITING_MESSAGES -> "lost " + (expected - received) + " of " + expected + " messages";
                case AWAITING_PUBLISHERS -> publishers.finished() + " publishers of its topics finished ("
                        + afterPublishers + " awaited), " + publishers.active() + " still publishing, "
                        + publishers.inFlight() + " publishes awaiting acknowledgement; received " + received
                        + " of " + expected;
            };
        }
    }

    private DrainCheck() {
    }

    public static Verdict check(DeliveryLedger ledger, DeliveryLedger.Receiver receiver, long afterPublishers) {
        // Read in this order: publishers (with their in-flight publishes) before the expectation.
        // The ledger counts an accepted publish before it stops being in flight, so a state read
        // with nothing in flight is followed by an expectation that includes every accepted publish.
        DeliveryLedger.PublisherState publishers = ledger.publishersOf(receiver);
        long expected = receiver.expectedTotal();
        long received = receiver.uniqueTotal();
        boolean publishersDone = publishers.finished() >= afterPublishers && publishers.active() == 0
                && publishers.inFlight() == 0;
        State state = !publishersDone ? State.AWAITING_PUBLISHERS
                : received >= expected ? State.COMPLETE : State.AWAITING_MESSAGES;
        return new Verdict(state, publishers, afterPublishers, expected, received);
    }
}
