import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedClassLoader;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of the full-chain load run (single-file source, JDK only).
 *
 * <p>Each allocation sample ({@code jdk.ObjectAllocationSample}, weighted by its sampled
 * bytes) and each CPU sample ({@code jdk.ExecutionSample}) is charged to its <em>owner</em>:
 * the frame nearest the top of the stack that is not JDK code. A JDK method allocating or
 * running on behalf of a filter is so charged to that filter, and the container code
 * between two filters is charged to the container, not to the filter that called
 * {@code chain.doFilter}. Printed: owners grouped by package (who costs what), the
 * owning methods of all code and of SSR Guard ({@code io.ssrguard}), and the classes
 * SSR Guard allocates.
 *
 * <p>The owner rule charges the container's methods that SSR Guard calls (a header read, a
 * request attribute, the container's login callback) to the container. To say what the pack
 * costs in all, CPU samples are also charged <em>inclusively</em>: walking from the top of the
 * stack, a sample belongs to SSR Guard when a pack frame comes before any {@code doFilter} of
 * a filter chain or a servlet's {@code service}, that is, when the pack is running it and not
 * the rest of the chain the pack handed the request on to. The sample application and the
 * benchmark's own classes are not the pack. The JFR sampler takes a bounded number of
 * threads per period, so compare shares, not sample counts, between recordings.
 * Usage: {@code java JfrSummary.java recording.jfr}.
 */
public final class JfrSummary {

    static final String OURS = "io.ssrguard.";
    static final int TOP = 12;

    static final String NOT_PACK_SAMPLE = "io.ssrguard.sample.";
    static final String NOT_PACK_BENCH = "io.ssrguard.bench.";
    static final String LOGIN_CALLBACK = "notifyContainerAboutLogin";

    public static void main(String[] args) throws Exception {
        Map<String, Long> allocByPackage = new HashMap<>();
        Map<String, Long> allocByOurMethod = new HashMap<>();
        Map<String, Long> allocByClassOurs = new HashMap<>();
        Map<String, Long> cpuByPackage = new HashMap<>();
        Map<String, Long> cpuByOurMethod = new HashMap<>();
        Map<String, Long> cpuByMethod = new HashMap<>();
        Map<String, Long> allocByMethod = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> packInclusiveByMethod = new HashMap<>();
        long allocTotal = 0;
        long cpuTotal = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            boolean alloc = type.equals("jdk.ObjectAllocationSample");
            if (!alloc && !type.equals("jdk.ExecutionSample")) {
                continue;
            }
            long weight = alloc ? e.getLong("weight") : 1;
            RecordedFrame owner = owner(e.getStackTrace());
            String pkg = owner == null ? "(JDK only)" : group(owner);
            if (alloc) {
                allocTotal += weight;
                allocByPackage.merge(pkg, weight, Long::sum);
                allocByMethod.merge(owner == null ? pkg : name(owner), weight, Long::sum);
            } else {
                cpuTotal++;
                cpuByPackage.merge(pkg, weight, Long::sum);
                cpuByMethod.merge(owner == null ? pkg : name(owner), weight, Long::sum);
                Inclusive in = inclusive(e.getStackTrace());
                inclusive.merge(in.bucket() != null ? in.bucket() : "the rest: " + pkg, 1L, Long::sum);
                if (in.packFrame() != null) {
                    packInclusiveByMethod.merge(in.packFrame(), 1L, Long::sum);
                }
            }
            if (owner != null && name(owner).startsWith(OURS)) {
                if (alloc) {
                    allocByOurMethod.merge(name(owner), weight, Long::sum);
                    allocByClassOurs.merge(e.getClass("objectClass").getName(), weight, Long::sum);
                } else {
                    cpuByOurMethod.merge(name(owner), weight, Long::sum);
                }
            }
        }
        System.out.printf("Allocation: %,d MB sampled weight; CPU: %,d execution samples.%n", allocTotal >> 20, cpuTotal);
        System.out.println("Owner of a sample = nearest non-JDK frame (JDK code is charged to its caller).");
        print("CPU samples, SSR Guard counted inclusively (its calls into the container and the JDK"
                + " included, the chain after it not)", inclusive, cpuTotal, false);
        print("CPU samples of SSR Guard counted inclusively, by its frame nearest the top", packInclusiveByMethod,
                cpuTotal, false);
        print("CPU samples by owner package", cpuByPackage, cpuTotal, false);
        print("CPU samples by owner method, all code", cpuByMethod, cpuTotal, false);
        print("CPU samples by owner method in " + OURS, cpuByOurMethod, cpuTotal, false);
        print("Allocation by owner package", allocByPackage, allocTotal, true);
        print("Allocation by owner method, all code", allocByMethod, allocTotal, true);
        print("Allocation by owner method in " + OURS, allocByOurMethod, allocTotal, true);
        print("Classes allocated by " + OURS + " owners", allocByClassOurs, allocTotal, true);
    }

    /**
     * A sample's inclusive bucket: SSR Guard (split by whether the container's login callback
     * is running) with the pack's frame nearest the top, or a null bucket for the rest.
     */
    record Inclusive(String bucket, String packFrame) {
    }

    static Inclusive inclusive(RecordedStackTrace trace) {
        if (trace == null) {
            return new Inclusive(null, null);
        }
        boolean inLogin = false;
        for (RecordedFrame f : trace.getFrames()) {
            if (!f.isJavaFrame()) {
                continue;
            }
            String type = f.getMethod().getType().getName();
            String method = f.getMethod().getName();
            if (isPack(type)) {
                return new Inclusive(inLogin ? "SSR Guard: the container's login callback it calls" : "SSR Guard",
                        name(f));
            }
            if (method.equals("doFilter") || method.equals("service") && !isJdk(f.getMethod().getType())) {
                // The chain after a filter, or a servlet: whatever runs here, the pack handed on to it.
                return new Inclusive(null, null);
            }
            inLogin |= method.equals(LOGIN_CALLBACK);
        }
        return new Inclusive(null, null);
    }

    static boolean isPack(String type) {
        return type.startsWith(OURS) && !type.startsWith(NOT_PACK_SAMPLE) && !type.startsWith(NOT_PACK_BENCH);
    }

    /** The frame nearest the top that is not JDK code, or null when the stack is JDK code only. */
    static RecordedFrame owner(RecordedStackTrace trace) {
        if (trace == null) {
            return null;
        }
        for (RecordedFrame f : trace.getFrames()) {
            if (f.isJavaFrame() && !isJdk(f.getMethod().getType())) {
                return f;
            }
        }
        return null;
    }

    /** Loaded by the boot or platform loader: the JDK's own classes. */
    static boolean isJdk(RecordedClass type) {
        RecordedClassLoader loader = type.getClassLoader();
        String name = loader == null ? null : loader.getName();
        return loader == null || "bootstrap".equals(name) || "platform".equals(name)
                || type.getName().startsWith("java.") || type.getName().startsWith("jdk.")
                || type.getName().startsWith("sun.");
    }

    /** The first two package segments ({@code org.glassfish}), three for {@code com.sun.*}. */
    static String group(RecordedFrame f) {
        String[] parts = f.getMethod().getType().getName().split("\\.");
        int n = parts.length > 2 && parts[0].equals("com") && parts[1].equals("sun") ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(n, parts.length - 1)));
    }

    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    static void print(String title, Map<String, Long> counts, long total, boolean bytes) {
        System.out.printf("%n%s:%n", title);
        List<Map.Entry<String, Long>> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .collect(Collectors.toList());
        for (Map.Entry<String, Long> e : top) {
            double pct = total == 0 ? 0 : 100.0 * e.getValue() / total;
            String amount = bytes ? String.format("%,7d MB", e.getValue() >> 20) : String.format("%,7d   ", e.getValue());
            System.out.printf("  %5.1f%%  %s  %s%n", pct, amount, e.getKey());
        }
    }
}
