package io.ssrguard.oidc;

class InMemoryProviderSessionsTest extends ProviderSessionsContractTest {

    @Override
    ProviderSessions open() {
        return new InMemoryProviderSessions();
    }
}
