package io.ssrguard.faces;

import io.ssrguard.csp.CspAttributes;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.context.FacesContext;

/**
 * Which CSP nonce a Faces response writes: a full page its own (the one in its header); a partial (AJAX)
 * response the nonce of the page it updates, because the browser applies that page's policy to the update
 * (the AJAX response's own header and nonce apply to nothing). A full page keeps its nonce in the view
 * root's attributes, which are part of the view's state (in the session, or in the page's state field,
 * which Faces encrypts) and come back with the view on every postback; a stateless view keeps nothing,
 * and its updates get the response's nonce, under which their scripts stay blocked.
 */
final class PageNonce {

    /** The view-root attribute holding the nonce of the page the view was last rendered as. */
    static final String ATTRIBUTE = "io.ssrguard.faces.pageNonce";

    private PageNonce() {
    }

    /** The response's own nonce, set by the CSP filter, or {@code null} when it set none. */
    static String ofResponse(FacesContext context) {
        return context.getExternalContext().getRequestMap().get(CspAttributes.NONCE) instanceof String n && !n.isEmpty()
                ? n : null;
    }

    /** The nonce this response writes, or {@code null} when the pack's CSP is not on it. */
    static String of(FacesContext context) {
        String own = ofResponse(context);
        if (own == null || !context.getPartialViewContext().isPartialRequest()) {
            return own;
        }
        UIViewRoot view = context.getViewRoot();
        return view != null && view.getAttributes().get(ATTRIBUTE) instanceof String page ? page : own;
    }

    /** Keeps a full page's nonce in its view, for the AJAX responses that will update the page. */
    static void remember(FacesContext context) {
        UIViewRoot view = context.getViewRoot();
        String own = ofResponse(context);
        if (view != null && own != null && !context.getPartialViewContext().isPartialRequest()) {
            view.getAttributes().put(ATTRIBUTE, own);
        }
    }
}
