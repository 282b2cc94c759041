package io.ssrguard.faces;

import jakarta.faces.context.FacesContext;
import org.primefaces.csp.CspState;

/**
 * PrimeFaces' CSP state with the pack's nonce: the only class of the pack that names a PrimeFaces type,
 * loaded only where {@link GuardedFacesContextFactory} found PrimeFaces. PrimeFaces keeps its CSP state
 * in the Faces context's attributes under its class name and makes one only when none is there; this one,
 * put there first, answers {@link #getNonce()} with the nonce the pack's writer uses ({@link PageNonce}):
 * the response's own on a full page, the page's in an AJAX response. So PrimeFaces' scripts, its
 * {@code PrimeFaces.csp.init(…)} and its AJAX updates carry the nonce of the pack's header. PrimeFaces'
 * own check of the nonce it posts back ({@code primefaces.nonce}) against the one it kept in the view is
 * left out with its own nonce; the pack's CSRF check guards those posts.
 */
final class PackCspState extends CspState {

    private final FacesContext context;

    private PackCspState(FacesContext context) {
        super(context);
        this.context = context;
    }

    /** Puts the pack's CSP state where PrimeFaces looks for its own. */
    static void adopt(FacesContext context) {
        context.getAttributes().put(CspState.class.getName(), new PackCspState(context));
    }

    @Override
    public String getNonce() {
        String nonce = PageNonce.of(context);
        return nonce != null ? nonce : super.getNonce();
    }
}
