package io.ssrguard.it.tomcat.app;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** How often the pack called the application's own extensions; one count per method. */
final class Calls {

    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    private Calls() {
    }

    static void count(String method) {
        COUNTS.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    /** {@code name=count} lines, sorted by name. */
    static String report() {
        return new TreeMap<>(COUNTS).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().get()).collect(Collectors.joining("\n", "", "\n"));
    }
}
