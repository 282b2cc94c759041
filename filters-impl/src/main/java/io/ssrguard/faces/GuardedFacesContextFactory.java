package io.ssrguard.faces;

import io.ssrguard.csp.CspAttributes;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.FacesContextFactory;
import jakarta.faces.lifecycle.Lifecycle;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import java.util.logging.Logger;

/**
 * One CSP header and one nonce on every Faces response the pack's CSP filter gave a nonce: the Faces
 * context of such a request ({@link OneHeaderFacesContext}) drops a {@code Content-Security-Policy} (or
 * {@code -Report-Only}) header that Faces code sets, since a second policy intersects with the pack's; and
 * where the application has PrimeFaces, its CSP mode ({@code primefaces.CSP=true}) takes the pack's nonce
 * ({@link PackCspState}) for the scripts it writes and the {@code PrimeFaces.csp.init} it sends, while its
 * own header is the one dropped.
 *
 * <p>Declared in the pack's {@code META-INF/faces-config.xml}, which is ordered before the other
 * libraries' so that their factories wrap this one: PrimeFaces' context, made around the one made here,
 * then finds the pack's CSP state in place when it looks for its own. Without PrimeFaces nothing loads
 * {@link PackCspState}.
 */
public final class GuardedFacesContextFactory extends FacesContextFactory {

    private static final Logger LOG = Logger.getLogger(GuardedFacesContextFactory.class.getName());
    private static final String PRIMEFACES_CSP_STATE = "org.primefaces.csp.CspState";

    private final boolean primeFaces;
    private volatile Boolean enabled;

    public GuardedFacesContextFactory(FacesContextFactory wrapped) {
        super(wrapped);
        primeFaces = present(PRIMEFACES_CSP_STATE);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, GuardedFacesContextFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public FacesContext getFacesContext(Object context, Object request, Object response, Lifecycle lifecycle) {
        FacesContext faces = getWrapped().getFacesContext(context, request, response, lifecycle);
        if (!(request instanceof ServletRequest servletRequest)
                || !(servletRequest.getAttribute(CspAttributes.NONCE) instanceof String nonce) || nonce.isEmpty()
                || !enabled(context)) {
            return faces; // the pack's CSP is not on this response: the application's own CSP stays as it was
        }
        if (primeFaces) {
            PackCspState.adopt(faces);
        }
        return new OneHeaderFacesContext(faces);
    }

    private boolean enabled(Object context) {
        Boolean on = enabled;
        if (on == null) {
            Object settings = context instanceof ServletContext servletContext
                    ? servletContext.getAttribute(FacesSettings.ATTRIBUTE) : null;
            on = !(settings instanceof FacesSettings s) || s.enabled();
            enabled = on;
            if (on && primeFaces) {
                LOG.info("SSR Guard: PrimeFaces found; its CSP mode, where on, uses the pack's nonce and header");
            }
        }
        return on;
    }
}
