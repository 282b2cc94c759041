package io.ssrguard.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NonceGeneratorTest {

    @Test
    void noncesAre128BitBase64AndDoNotRepeat() {
        NonceGenerator nonces = new NonceGenerator(new SecureRandom());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String nonce = nonces.next();
            assertEquals(16, Base64.getDecoder().decode(nonce).length);
            assertTrue(nonce.matches("[A-Za-z0-9+/]{22}=="), nonce);
            assertTrue(seen.add(nonce), "repeated " + nonce);
        }
    }

    @Test
    void perThreadNoncesAre128BitBase64AndDoNotRepeatAcrossThreads() throws Exception {
        NonceGenerator nonces = NonceGenerator.perThread();
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    String nonce = nonces.next();
                    assertEquals(16, Base64.getDecoder().decode(nonce).length);
                    assertTrue(seen.add(nonce), "repeated " + nonce);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(20_000, seen.size());
    }
}
