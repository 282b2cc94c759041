package io.ssrguard.faces;

import io.ssrguard.csp.CspAttributes;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.render.RenderKit;
import jakarta.faces.render.RenderKitWrapper;
import java.io.Writer;
import java.util.Map;

/**
 * A render kit whose response writers are {@link GuardedResponseWriter}s. Faces creates the writer of a
 * full page and of a partial (AJAX) response through the render kit, so both pass here: a full page
 * writes its nonce into the view, a partial response of that view takes it back.
 */
final class GuardedRenderKit extends RenderKitWrapper {

    /**
     * The view-root attribute that keeps the nonce of the page the view was last rendered as. An AJAX
     * response updates that page, whose policy (its header, sent with the page) is the one the browser
     * applies to the update; the AJAX response's own header and nonce apply to nothing. The attribute is
     * part of the view's state (in the session, or in the page's encrypted state field), restored with
     * the view on every postback; a stateless view has none, and its updates' scripts stay blocked.
     */
    static final String PAGE_NONCE = "io.ssrguard.faces.pageNonce";

    GuardedRenderKit(RenderKit wrapped) {
        super(wrapped);
    }

    @Override
    public ResponseWriter createResponseWriter(Writer writer, String contentTypeList, String characterEncoding) {
        ResponseWriter created = getWrapped().createResponseWriter(writer, contentTypeList, characterEncoding);
        FacesContext context = FacesContext.getCurrentInstance();
        if (context == null || created == null) {
            return created;
        }
        boolean partial = context.getPartialViewContext().isPartialRequest();
        Map<String, Object> requestAttributes = context.getExternalContext().getRequestMap();
        UIViewRoot view = context.getViewRoot();
        String pageNonce = null;
        if (view != null) {
            if (partial) {
                pageNonce = view.getAttributes().get(PAGE_NONCE) instanceof String n ? n : null;
            } else if (requestAttributes.get(CspAttributes.NONCE) instanceof String n) {
                view.getAttributes().put(PAGE_NONCE, n);
            }
        }
        PageRender page = PageRender.of(requestAttributes, partial, pageNonce);
        return page.actsOn() ? new GuardedResponseWriter(created, page) : created;
    }
}
