package io.ssrguard.faces;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.ExternalContextWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.FacesContextWrapper;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The Faces context of a response that carries the pack's CSP header: a CSP header that Faces code
 * (a component library's CSP mode) sets through the external context is not written, and said once in
 * the log. Two policies on one response both apply, so a script passes only if both allow it; the pack's
 * policy, from its runtime source, is the one in force.
 */
final class OneHeaderFacesContext extends FacesContextWrapper {

    private static final Logger LOG = Logger.getLogger(OneHeaderFacesContext.class.getName());
    private static final AtomicBoolean SAID = new AtomicBoolean();

    private ExternalContext external;

    OneHeaderFacesContext(FacesContext wrapped) {
        super(wrapped);
        setCurrentInstance(this);
    }

    @Override
    public ExternalContext getExternalContext() {
        ExternalContext current = getWrapped().getExternalContext();
        if (external == null || ((ExternalContextWrapper) external).getWrapped() != current) {
            external = new ExternalContextWrapper(current) {
                @Override
                public void setResponseHeader(String name, String value) {
                    if (!isPolicy(name)) {
                        super.setResponseHeader(name, value);
                    }
                }

                @Override
                public void addResponseHeader(String name, String value) {
                    if (!isPolicy(name)) {
                        super.addResponseHeader(name, value);
                    }
                }
            };
        }
        return external;
    }

    static boolean isPolicy(String header) {
        if (header == null) {
            return false;
        }
        String name = header.toLowerCase(Locale.ROOT);
        boolean policy = name.equals("content-security-policy") || name.equals("content-security-policy-report-only");
        if (policy && SAID.compareAndSet(false, true)) {
            LOG.info("SSR Guard: Faces code set its own " + header + " header; it is not sent, the pack's policy is"
                    + " the one header (said once)");
        }
        return policy;
    }
}
