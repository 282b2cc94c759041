package io.ssrguard.faces;

import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.render.RenderKit;
import jakarta.faces.render.RenderKitWrapper;
import java.io.Writer;

/**
 * A render kit whose response writers are {@link GuardedResponseWriter}s. Faces creates the writer of a
 * full page and of a partial (AJAX) response through the render kit, so both pass here: a full page
 * keeps its nonce in the view, a partial response of that view writes it ({@link PageNonce}).
 */
final class GuardedRenderKit extends RenderKitWrapper {

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
        PageNonce.remember(context);
        PageRender page = PageRender.of(context.getExternalContext().getRequestMap(), PageNonce.of(context),
                context.getPartialViewContext().isPartialRequest());
        return page.actsOn() ? new GuardedResponseWriter(created, page) : created;
    }
}
