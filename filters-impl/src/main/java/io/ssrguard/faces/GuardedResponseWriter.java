package io.ssrguard.faces;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The response writer every Faces component and Facelets tag writes through (Faces renders literal
 * template elements through it too):
 * <ul>
 *   <li>a POST {@code <form>} gets the CSRF form field as a hidden input before it closes, so a plain
 *       post and an AJAX post (Faces sends every input of the form) both carry it;</li>
 *   <li>when the response has a CSP nonce: {@code <script>} and {@code <style>} carry it (replacing any
 *       other nonce, so one header and one nonce serve the page); {@code on*} attributes and
 *       {@code javascript:} URLs are not written but collected into {@link HandlerScript}, and the element
 *       gets an id when it has none; the script is written, nonce'd, before {@code </body>} (or at the
 *       end of the document when the body is not rendered through Faces).</li>
 *   <li>in a partial (AJAX) response, the nonce is the page's ({@link PageRender}): scripts and the
 *       {@code <eval>}s carry it, and each {@code <update>} that rendered handlers ends in a nonce'd
 *       script that registers them, which the page's hook runs ({@link HandlerScript#pageText}).</li>
 * </ul>
 * A start tag stays open until the next call that is not an attribute, so the decision to add an id is
 * taken there, after every attribute is known.
 */
final class GuardedResponseWriter extends ResponseWriterWrapper {

    private final PageRender page;
    /** The element whose start tag is still open, or {@code null}. */
    private OpenTag open;
    /** Whether a POST form is open, waiting for its field at {@code </form>}. */
    private boolean postFormOpen;
    /**
     * In a partial response: how deep in CDATA the writer is. Outside it ({@code 0}) elements are the
     * response's XML ({@code update}, {@code eval}); inside, the HTML of an update.
     */
    private int cdataDepth;
    /** In a partial response, the XML element last started outside CDATA. */
    private String xmlElement;

    GuardedResponseWriter(ResponseWriter wrapped, PageRender page) {
        super(wrapped);
        this.page = page;
    }

    /** An open start tag: what is known of its element before it closes. */
    private static final class OpenTag {
        final String name;
        final boolean nonced;
        String id;
        String method;
        final List<String[]> handlers = new ArrayList<>();
        final List<String[]> urls = new ArrayList<>();

        OpenTag(String name, boolean nonced) {
            this.name = name;
            this.nonced = nonced;
        }
    }

    @Override
    public ResponseWriter cloneWithWriter(Writer writer) {
        // Faces renders through a clone (its state-saving writer): the clone shares this response's render.
        return new GuardedResponseWriter(getWrapped().cloneWithWriter(writer), page);
    }

    @Override
    public void startElement(String name, UIComponent component) throws IOException {
        closeStartTag();
        super.startElement(name, component);
        String element = name.toLowerCase(Locale.ROOT);
        boolean xml = page.partial() && cdataDepth == 0;
        if (xml) {
            xmlElement = element;
        }
        // An <eval> of a partial response is marked with the page's nonce, so the page's hook runs it.
        boolean nonced = page.rewritesHandlers() && (xml ? element.equals("eval") : isNonced(element));
        open = new OpenTag(element, nonced);
        if (nonced) {
            super.writeAttribute("nonce", page.nonce(), null);
        }
    }

    @Override
    public void writeAttribute(String name, Object value, String property) throws IOException {
        if (!intercepted(name, value)) {
            super.writeAttribute(name, value, property);
        }
    }

    @Override
    public void writeURIAttribute(String name, Object value, String property) throws IOException {
        if (!intercepted(name, value)) {
            super.writeURIAttribute(name, value, property);
        }
    }

    /** Records what the tag needs and answers whether the attribute is kept out of the markup. */
    private boolean intercepted(String name, Object value) throws IOException {
        if (open == null || name == null) {
            return false;
        }
        String attribute = name.toLowerCase(Locale.ROOT);
        if (attribute.equals("id") && value != null) {
            open.id = value.toString();
        } else if (attribute.equals("method") && value != null) {
            open.method = value.toString();
        }
        if (!page.rewritesHandlers()) {
            return false;
        }
        if (attribute.equals("nonce")) {
            return open.nonced; // ours is already written
        }
        if (HandlerScript.isEventHandler(attribute)) {
            if (value != null && !value.toString().isBlank()) {
                open.handlers.add(new String[] {HandlerScript.eventOf(attribute), value.toString()});
            }
            return true;
        }
        Optional<String> code = UrlAttribute.isUrl(attribute) ? HandlerScript.javascriptUrl(value) : Optional.empty();
        if (code.isEmpty()) {
            return false;
        }
        Optional<String> event = UrlAttribute.eventFor(open.name, attribute);
        if (event.isPresent()) {
            open.urls.add(new String[] {event.get(), code.get()});
            if (attribute.equals("href")) {
                super.writeAttribute("href", "#", null); // still a link, which the handler keeps from navigating
            }
        }
        return true;
    }

    /** Ends an open start tag's bookkeeping before anything that closes it is written. */
    private void closeStartTag() throws IOException {
        OpenTag tag = open;
        if (tag == null) {
            return;
        }
        open = null;
        if (tag.name.equals("form")) {
            postFormOpen = "post".equalsIgnoreCase(tag.method);
        }
        if (tag.handlers.isEmpty() && tag.urls.isEmpty()) {
            return;
        }
        String id = tag.id;
        if (id == null || id.isEmpty()) {
            id = page.nextId();
            super.writeAttribute("id", id, null);
        }
        for (String[] handler : tag.handlers) {
            page.script().addHandler(id, tag.name, handler[0], handler[1]);
        }
        for (String[] url : tag.urls) {
            page.script().addUrl(id, tag.name, url[0], url[1]);
        }
    }

    @Override
    public void endElement(String name) throws IOException {
        closeStartTag();
        String element = name.toLowerCase(Locale.ROOT);
        if (element.equals("form") && postFormOpen) {
            postFormOpen = false;
            if (page.fieldValue() != null) {
                super.startElement("input", null);
                super.writeAttribute("type", "hidden", null);
                super.writeAttribute("name", page.fieldName(), null);
                super.writeAttribute("value", page.fieldValue(), null);
                super.endElement("input");
            }
        } else if (element.equals("body")) {
            writePageScript(true);
        }
        super.endElement(name);
    }

    @Override
    public void endDocument() throws IOException {
        closeStartTag();
        writePageScript(false); // when the body was literal text rather than an element Faces rendered
        super.endDocument();
    }

    private void writePageScript(boolean bodyEnds) throws IOException {
        writeScript(page.takePageScript(bodyEnds));
    }

    private void writeScript(String text) throws IOException {
        if (text != null) {
            super.startElement("script", null);
            super.writeAttribute("nonce", page.nonce(), null);
            super.write(text);
            super.endElement("script");
        }
    }

    private static boolean isNonced(String element) {
        return element.equalsIgnoreCase("script") || element.equalsIgnoreCase("style");
    }

    // Everything below closes an open start tag in the wrapped writer, so the tag's id is settled first.

    @Override
    public void startDocument() throws IOException {
        closeStartTag();
        super.startDocument();
    }

    @Override
    public void writeComment(Object comment) throws IOException {
        closeStartTag();
        super.writeComment(comment);
    }

    @Override
    public void writeDoctype(String doctype) throws IOException {
        closeStartTag();
        super.writeDoctype(doctype);
    }

    @Override
    public void writePreamble(String preamble) throws IOException {
        closeStartTag();
        super.writePreamble(preamble);
    }

    @Override
    public void startCDATA() throws IOException {
        closeStartTag();
        cdataDepth++;
        super.startCDATA();
    }

    @Override
    public void endCDATA() throws IOException {
        closeStartTag();
        if (page.partial() && cdataDepth == 1 && "update".equals(xmlElement)) {
            // The update's handlers, in a script at the end of its HTML: the page's hook takes it out
            // before Faces applies the update, and runs it after, under the page's nonce.
            writeScript(page.takeUpdateScript());
        }
        cdataDepth = Math.max(0, cdataDepth - 1);
        super.endCDATA();
    }

    @Override
    public void writeText(Object text, String property) throws IOException {
        closeStartTag();
        super.writeText(text, property);
    }

    @Override
    public void writeText(Object text, UIComponent component, String property) throws IOException {
        closeStartTag();
        super.writeText(text, component, property);
    }

    @Override
    public void writeText(char[] text, int off, int len) throws IOException {
        closeStartTag();
        super.writeText(text, off, len);
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        closeStartTag();
        super.write(cbuf, off, len);
    }

    @Override
    public void write(char[] cbuf) throws IOException {
        closeStartTag();
        super.write(cbuf);
    }

    @Override
    public void write(int c) throws IOException {
        closeStartTag();
        super.write(c);
    }

    @Override
    public void write(String str) throws IOException {
        closeStartTag();
        super.write(str);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        closeStartTag();
        super.write(str, off, len);
    }

    @Override
    public void flush() throws IOException {
        closeStartTag();
        super.flush();
    }
}
