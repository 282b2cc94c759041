package io.ssrguard.http;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Optional;

/**
 * How an adapter (filter, mechanism) finds, once at its start, the collaborators
 * the pack's initializer built for this application and published in the
 * servlet context under keys its features own. A missing collaborator means the
 * initializer did not run (most often {@code <absolute-ordering>} in
 * {@code web.xml} leaving the pack's jar out) or failed; the adapter must then
 * refuse, never let requests through unchecked.
 */
public final class StartedComponents {

    private StartedComponents() {
    }

    /** The collaborator published under {@code attribute}, if the pack started in this application. */
    public static <T> Optional<T> find(ServletContext context, String attribute, Class<T> type) {
        Object value = context.getAttribute(attribute);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    /**
     * The collaborator published under {@code attribute}, for a filter's {@code init}.
     *
     * @param adapter the adapter's class name, for the message
     * @throws ServletException naming the adapter and the likely cause, so that the filter does not start
     */
    public static <T> T require(ServletContext context, String attribute, Class<T> type, String adapter)
            throws ServletException {
        return find(context, attribute, type).orElseThrow(() -> new ServletException(notStarted(adapter)));
    }

    /** The one explanation every adapter gives when the pack did not start in its application. */
    public static String notStarted(String adapter) {
        return "SSR Guard did not start in this application, so " + adapter + " refuses to run (it never lets"
                + " requests through unchecked). Either its start failed (see the earlier SSR Guard message in the"
                + " log) or its initializer did not run: an <absolute-ordering> in web.xml leaves the pack's jar"
                + " out unless it lists <others/>.";
    }
}
