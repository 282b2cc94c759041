package io.ssrguard.faces;

import io.ssrguard.csrf.CsrfAttributes;
import io.ssrguard.csrf.CsrfTokens;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * What the pack adds to one Faces response, taken from the request attributes the filters set: the CSP
 * nonce (when the CSP filter ran), the CSRF form field (when the CSRF filter ran), and the handlers moved
 * out of the markup so far. Shared by the response writer and its clones, confined to the request's thread.
 */
final class PageRender {

    private static final Logger LOG = Logger.getLogger(PageRender.class.getName());

    private final String nonce;
    private final String fieldName;
    private final String fieldValue;
    private final boolean partial;
    private final HandlerScript script = new HandlerScript();
    /** A per-response prefix, so ids given here never meet the ids of another response in one page. */
    private final String idPrefix = "ssrguard-h" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36) + "-";
    private int nextId;
    private boolean scriptWritten;

    /**
     * @param nonce      the CSP nonce of the page: this response's own for a full page; for a partial
     *                   (AJAX) response, the nonce of the page that sent the request, which is the policy
     *                   the browser applies to the update; {@code null}: then no markup is rewritten
     * @param fieldName  the CSRF form field, or {@code null}: then no form gets one
     * @param fieldValue the client token for that field
     * @param partial    whether this is a Faces partial (AJAX) response, whose handlers and scripts reach
     *                   the page through the page's hook rather than a script at the end of a body
     */
    PageRender(String nonce, String fieldName, String fieldValue, boolean partial) {
        this.nonce = nonce;
        this.fieldName = fieldValue == null ? null : fieldName;
        this.fieldValue = fieldValue;
        this.partial = partial;
    }

    /**
     * The render of the current request, from its attributes. The client token is taken now, before
     * anything is written: taking it may set the CSRF cookie, which a committed response cannot.
     *
     * @param nonce   the nonce to write ({@link PageNonce#of}), or {@code null}
     * @param partial whether this is a partial (AJAX) response
     */
    static PageRender of(Map<String, Object> requestAttributes, String nonce, boolean partial) {
        String fieldName = null;
        String fieldValue = null;
        if (requestAttributes.get(CsrfAttributes.TOKENS) instanceof CsrfTokens tokens) {
            try {
                fieldValue = tokens.getClientToken();
                fieldName = tokens.getFieldName();
            } catch (IllegalStateException e) {
                // The response was committed before Faces rendered (an application that flushed early):
                // no field, so the form's post is refused rather than sent without a token.
                LOG.warning("SSR Guard: the response was committed before Faces rendered it; its forms carry no CSRF field");
            }
        }
        return new PageRender(nonce, fieldName, fieldValue, partial);
    }

    /** Whether this render changes anything. */
    boolean actsOn() {
        return nonce != null || fieldValue != null;
    }

    String nonce() {
        return nonce;
    }

    /** Whether inline handlers and {@code javascript:} URLs are taken out of the markup: a nonce is in force. */
    boolean rewritesHandlers() {
        return nonce != null;
    }

    String fieldName() {
        return fieldName;
    }

    String fieldValue() {
        return fieldValue;
    }

    boolean partial() {
        return partial;
    }

    HandlerScript script() {
        return script;
    }

    String nextId() {
        return idPrefix + nextId++;
    }

    /**
     * The page script's text, once per full page, or {@code null}: in a partial response, when it was
     * written, or when the document ends without a body and no handler needs it (a Faces response that
     * is no HTML page gets no script).
     *
     * @param bodyEnds whether the page's {@code </body>} is being written
     */
    String takePageScript(boolean bodyEnds) {
        if (scriptWritten || partial || (!bodyEnds && script.isEmpty())) {
            return null;
        }
        scriptWritten = true;
        return script.pageText(nonce);
    }

    /** The script of the AJAX update that ends now, or {@code null} when none of its elements had handlers. */
    String takeUpdateScript() {
        String text = partial ? script.updateText() : "";
        return text.isEmpty() ? null : text;
    }
}
