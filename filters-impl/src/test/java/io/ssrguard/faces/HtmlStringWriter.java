package io.ssrguard.faces;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.ResponseWriter;
import java.io.Writer;

/**
 * A minimal HTML response writer with Mojarra's contract: a start tag stays open for attributes until
 * the next call that is not an attribute, and an attribute written after that fails, as it does in
 * Mojarra. Attribute values and text are escaped; {@code write} is raw.
 */
final class HtmlStringWriter extends ResponseWriter {

    private final Writer out;
    private boolean startOpen;

    HtmlStringWriter(Writer out) {
        this.out = out;
    }

    @Override
    public String getContentType() {
        return "text/html";
    }

    @Override
    public String getCharacterEncoding() {
        return "UTF-8";
    }

    @Override
    public void flush() {
        closeStart();
    }

    @Override
    public void startDocument() {
    }

    @Override
    public void endDocument() {
        closeStart();
    }

    @Override
    public void startElement(String name, UIComponent component) {
        closeStart();
        raw("<" + name);
        startOpen = true;
    }

    @Override
    public void endElement(String name) {
        closeStart();
        raw("</" + name + ">");
    }

    @Override
    public void writeAttribute(String name, Object value, String property) {
        if (!startOpen) {
            throw new IllegalStateException("attribute " + name + " written after its start tag closed");
        }
        raw(" " + name + "=\"" + escape(String.valueOf(value)) + "\"");
    }

    @Override
    public void writeURIAttribute(String name, Object value, String property) {
        writeAttribute(name, value, property);
    }

    @Override
    public void startCDATA() {
        closeStart();
        raw("<![CDATA[");
    }

    @Override
    public void endCDATA() {
        closeStart();
        raw("]]>");
    }

    @Override
    public void writeComment(Object comment) {
        closeStart();
        raw("<!--" + comment + "-->");
    }

    @Override
    public void writeText(Object text, String property) {
        closeStart();
        raw(escape(String.valueOf(text)));
    }

    @Override
    public void writeText(char[] text, int off, int len) {
        writeText(new String(text, off, len), null);
    }

    @Override
    public ResponseWriter cloneWithWriter(Writer writer) {
        return new HtmlStringWriter(writer);
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
        closeStart();
        raw(new String(cbuf, off, len));
    }

    @Override
    public void close() {
    }

    private void closeStart() {
        if (startOpen) {
            startOpen = false;
            raw(">");
        }
    }

    private void raw(String s) {
        try {
            out.write(s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
