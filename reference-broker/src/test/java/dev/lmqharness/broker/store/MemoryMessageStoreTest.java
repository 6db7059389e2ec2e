package dev.lmqharness.broker.store;

class MemoryMessageStoreTest extends MessageStoreContract {

    @Override
    protected MessageStore openStore() {
        return new MemoryMessageStore();
    }
}
