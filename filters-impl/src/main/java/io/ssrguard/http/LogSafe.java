package io.ssrguard.http;

/**
 * The one way the pack puts client input (a user name, a path, an origin, a
 * provider's error) into a log line: cut to a length, and every character but
 * printable ASCII replaced, so that nothing a client sends can forge a second
 * line or smuggle control characters into the log.
 */
public final class LogSafe {

    private LogSafe() {
    }

    /**
     * @param s   client input, or {@code null}
     * @param max how many characters to keep; longer input is cut and marked with {@code ...}
     *            (added after the replacement: the copies this replaced turned their own mark into {@code ?})
     */
    public static String printable(String s, int max) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > max ? s.substring(0, max) : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?") + (cut.length() < s.length() ? "..." : "");
    }
}
