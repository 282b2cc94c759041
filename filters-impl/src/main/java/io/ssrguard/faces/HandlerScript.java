package io.ssrguard.faces;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The event handlers of one page, taken out of its markup, as the text of one script that carries the
 * response's nonce. Under {@code script-src 'self' 'nonce-…'} without {@code 'unsafe-inline'} a browser
 * runs no {@code onclick="…"} attribute and no {@code javascript:} URL; the same code inside a nonce'd
 * script runs. Plain strings in, a script text out: no Faces type, so it is unit-tested alone.
 *
 * <p>The script keeps the handlers by element id and listens once per event type on the document
 * (bubbling events as they bubble, the others in the capture phase, for their target only). An element
 * that a Faces AJAX update replaces keeps its handlers as long as it keeps its id: a script in an AJAX
 * response does not run under a strict policy (Mojarra's {@code faces.js} runs it through {@code eval} or
 * a script element without the nonce), so the page's own script must already know them.
 *
 * <p>Each handler runs as the browser runs an inline one: {@code this} is the element, {@code event} the
 * event, names resolve on the element, then its form, then the document (so {@code submit()} in a
 * select's {@code onchange} still submits its form), and returning {@code false} cancels the default
 * action. On {@code body}, the handlers the HTML standard forwards to the window ({@code onload},
 * {@code onbeforeunload}, …) are listened to on the window.
 */
public final class HandlerScript {

    private static final Pattern HANDLER = Pattern.compile("on[a-z]+");
    /** The body element's handlers that the HTML standard reflects on the window. */
    private static final Set<String> WINDOW_EVENTS = Set.of("afterprint", "beforeprint", "beforeunload", "blur",
            "error", "focus", "hashchange", "languagechange", "load", "message", "messageerror", "offline", "online",
            "pagehide", "pageshow", "popstate", "rejectionhandled", "resize", "scroll", "storage",
            "unhandledrejection", "unload");
    /** Whitespace and C0 controls a browser strips from a URL's ends, and tab and newline it removes inside. */
    private static final Pattern URL_NOISE = Pattern.compile("[\\t\\n\\r]");

    private final List<String> registrations = new ArrayList<>();
    private final List<String> types = new ArrayList<>();

    /**
     * Whether an attribute is an event handler content attribute ({@code onclick}, {@code onChange}):
     * {@code on} followed by letters only.
     */
    public static boolean isEventHandler(String attribute) {
        return attribute != null && HANDLER.matcher(attribute.toLowerCase(Locale.ROOT)).matches();
    }

    /** The event an attribute handles: {@code onClick} handles {@code click}. */
    public static String eventOf(String handlerAttribute) {
        return handlerAttribute.substring(2).toLowerCase(Locale.ROOT);
    }

    /**
     * The code of a {@code javascript:} URL, percent-decoded as a browser decodes it, or empty when the
     * value is no such URL. Leading spaces and controls, and tabs and newlines inside, do not hide the scheme.
     */
    public static Optional<String> javascriptUrl(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        String url = value.toString();
        int start = 0;
        while (start < url.length() && url.charAt(start) <= ' ') {
            start++;
        }
        String rest = URL_NOISE.matcher(url.substring(start)).replaceAll("");
        if (!rest.regionMatches(true, 0, "javascript:", 0, "javascript:".length())) {
            return Optional.empty();
        }
        return Optional.of(percentDecode(rest.substring("javascript:".length())));
    }

    /**
     * Adds an element's inline handler.
     *
     * @param elementId the element's id (as written in the page)
     * @param element   the element's name ({@code a}, {@code body}, …)
     * @param event     the event, {@code click} for {@code onclick}
     * @param code      the attribute's code, unchanged
     */
    public void addHandler(String elementId, String element, String event, String code) {
        add(elementId, element, event, code, false);
    }

    /**
     * Adds the code of a {@code javascript:} URL, run on {@code event} ({@code click} for a link's
     * {@code href}, {@code submit} for a form's {@code action}) instead of navigating.
     */
    public void addUrl(String elementId, String element, String event, String code) {
        add(elementId, element, event, code, true);
    }

    private void add(String elementId, String element, String event, String code, boolean url) {
        if (!event.matches("[a-z]+")) {
            throw new IllegalArgumentException("not an event name: " + event);
        }
        boolean onWindow = "body".equalsIgnoreCase(element) || "frameset".equalsIgnoreCase(element);
        String body = scriptSafe(code) + (url ? "\n;return false;" : "");
        if (onWindow && WINDOW_EVENTS.contains(event)) {
            registrations.add("w(" + literal(event) + ",function(event){with(document){with(this){\n" + body + "\n}}});");
            return;
        }
        registrations.add("on(" + literal(elementId) + "," + literal(event)
                + ",function(event){with(document){with(this.form instanceof HTMLFormElement?this.form:{}){with(this){\n"
                + body + "\n}}}});");
        if (!types.contains(event)) {
            types.add(event);
        }
    }

    /** Whether no handler was added. */
    public boolean isEmpty() {
        return registrations.isEmpty();
    }

    /** The script's text (without the {@code <script>} tags); empty when no handler was added. */
    public String text() {
        if (registrations.isEmpty()) {
            return "";
        }
        StringBuilder js = new StringBuilder(256 + 64 * registrations.size());
        js.append("(function(){var h={};\n")
                .append("function on(id,t,f){var m=h[id]||(h[id]={});(m[t]||(m[t]=[])).push(f);}\n")
                .append("function w(t,f){window.addEventListener(t,function(e){if(f.call(window,e)===false){e.preventDefault();}});}\n")
                .append("function d(e){for(var el=e.target;el&&el.nodeType===1;el=e.bubbles?el.parentNode:null){")
                .append("var m=el.id&&Object.prototype.hasOwnProperty.call(h,el.id)?h[el.id]:null;")
                .append("var fs=m&&Object.prototype.hasOwnProperty.call(m,e.type)?m[e.type]:null;")
                .append("if(fs){for(var i=0;i<fs.length;i++){if(fs[i].call(el,e)===false){e.preventDefault();}}")
                .append("if(e.cancelBubble){return;}}}}\n");
        for (String registration : registrations) {
            js.append(registration).append('\n');
        }
        for (String type : types) {
            js.append("document.addEventListener(").append(literal(type)).append(",function(e){if(e.bubbles){d(e);}},false);")
                    .append("document.addEventListener(").append(literal(type)).append(",function(e){if(!e.bubbles){d(e);}},true);\n");
        }
        return js.append("})();").toString();
    }

    /**
     * Code placed inside a script element must not end it: {@code </script} becomes {@code <\/script}
     * and {@code <!--} becomes {@code <\!--}, which inside a string literal (the only place either can
     * stand in handler code) mean the same characters.
     */
    static String scriptSafe(String code) {
        return Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE).matcher(code).replaceAll("<\\\\/$1")
                .replace("<!--", "<\\!--");
    }

    /** A JavaScript string literal, every character outside {@code [A-Za-z0-9_:.-]} escaped. */
    static String literal(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == ':' || c == '.' || c == '-') {
                s.append(c);
            } else {
                s.append(String.format("\\u%04x", (int) c));
            }
        }
        return s.append('"').toString();
    }

    /** Percent-decoding as URLs decode it ({@code +} stays a plus); a malformed escape stays as written. */
    private static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
