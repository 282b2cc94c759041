package io.ssrguard.refresh;

/** The store contract on the in-memory store. */
class InMemoryRefreshTokenStoreTest extends RefreshTokenStoreContractTest {

    private final InMemoryRefreshTokenStore memory = new InMemoryRefreshTokenStore();

    @Override
    RefreshTokenStore openStore() {
        return memory;
    }

    @Override
    int tokenCount(String familyId) {
        return memory.tokenCount(familyId);
    }
}
