package io.ssrguard.bench;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Settings shared by every benchmark: average time per operation in
 * nanoseconds, one fork, short iterations. Modest on purpose, since the build
 * machines have two cores that other work shares; override them on the command
 * line ({@code -Dbench.args="-f 3 -i 10"}) for figures worth publishing. Five
 * warm-up seconds, because AES-GCM and the EC arithmetic reach their compiled
 * speed only after a few seconds on a busy two-core machine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class BenchmarkDefaults {

    /**
     * The pack logs its start-up at INFO; in a benchmark fork those lines would
     * land in the middle of JMH's iteration lines. Held in a field so that the
     * level setting is not collected with the logger.
     */
    private static final Logger PACK_LOG = Logger.getLogger("io.ssrguard");

    static {
        PACK_LOG.setLevel(Level.WARNING);
    }
}
