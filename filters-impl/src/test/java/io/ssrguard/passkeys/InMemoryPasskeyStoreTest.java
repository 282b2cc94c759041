package io.ssrguard.passkeys;

class InMemoryPasskeyStoreTest extends PasskeyStoreContractTest {

    @Override
    PasskeyStore open() {
        return new InMemoryPasskeyStore();
    }
}
