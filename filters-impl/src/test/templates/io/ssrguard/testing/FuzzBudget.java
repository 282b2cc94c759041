package io.ssrguard.testing;

/**
 * How long one {@code @FuzzTest} fuzzes under {@code JAZZER_FUZZ=1}: Maven writes the
 * {@code fuzz.seconds} property (default 60, e.g. {@code -Pfuzz -Dfuzz.seconds=300}) into this
 * constant, because Jazzer reads the duration only from the annotation. Regression runs ignore it.
 */
public final class FuzzBudget {

    /** The {@code maxDuration} of every fuzz target. */
    public static final String MAX_DURATION = "${fuzz.seconds}s";

    private FuzzBudget() {
    }
}
