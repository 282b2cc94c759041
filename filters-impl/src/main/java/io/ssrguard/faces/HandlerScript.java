package io.ssrguard.faces;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * (bubbling events as they bubble, the others in the capture phase, for their target only), so an element
 * that a Faces AJAX update replaces is found by its id again. The elements an update renders get their
 * handlers from a script of the update ({@link #updateText()}), which the page's hook runs under the
 * page's nonce ({@link #pageText(String)}): Mojarra's {@code faces.js} alone would insert it without the
 * nonce, and the policy would block it.
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
    /** The ids that have registrations, in order, each once. */
    private final Set<String> ids = new LinkedHashSet<>();

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
        ids.add(elementId);
        registrations.add("on(" + literal(elementId) + "," + literal(event)
                + ",function(event){with(document){with(this.form instanceof HTMLFormElement?this.form:{}){with(this){\n"
                + body + "\n}}}});");
    }

    /** Whether no handler was added since the last {@link #updateText()}. */
    public boolean isEmpty() {
        return registrations.isEmpty();
    }

    /**
     * The page's script (without the {@code <script>} tags): the handler registry, the handlers added so
     * far, and the hook that lets scripts of later AJAX updates run under the page's nonce.
     *
     * <p>The registry is one object on the window ({@code ssrguardFaces}), so an AJAX update's own
     * registrations ({@link #updateText()}) reach it. The hook wraps {@code faces.ajax.response}, which
     * Mojarra's {@code faces.js} calls (through that name) for every AJAX response: before Faces applies
     * the response, it takes out of each {@code <update>} the inline scripts that carry the page's nonce,
     * and the {@code <eval>}s the pack marked with it, so that {@code faces.js} neither inserts them
     * without a nonce nor {@code eval}s them (both blocked by the policy); after Faces applied it, it
     * forgets the handlers of every element an update replaced and runs those scripts, in their order,
     * as script elements that carry the page's nonce. A script without that nonce (markup an attacker
     * got into an update cannot know it) is left to {@code faces.js}, and the policy blocks it as before.
     *
     * @param nonce the page's CSP nonce, the one its header allows
     */
    public String pageText(String nonce) {
        StringBuilder js = new StringBuilder(RUNTIME.length() + HOOK.length() + 128 + 64 * registrations.size());
        js.append(RUNTIME);
        appendRegistrations(js);
        ids.clear();
        js.append("})();\n").append(HOOK).append('(').append(literal(nonce)).append(");");
        registrations.clear();
        return js.toString();
    }

    /**
     * The registrations added since the last call, as the script of one AJAX update (it runs through the
     * page's hook, after the update replaced the elements), or {@code ""} when there are none.
     */
    public String updateText() {
        if (registrations.isEmpty()) {
            return "";
        }
        StringBuilder js = new StringBuilder(128 + 64 * registrations.size());
        js.append("(function(){var r=window.ssrguardFaces;if(!r){return;}var on=r.on,w=r.w;\n");
        // The element's handlers as rendered now replace those it had, also where an update is applied
        // by other code than faces.js (a component library's own AJAX), which forgets nothing.
        for (String id : ids) {
            js.append("r.clear(").append(literal(id)).append(");");
        }
        js.append('\n');
        appendRegistrations(js);
        registrations.clear();
        ids.clear();
        return js.append("})();").toString();
    }

    private void appendRegistrations(StringBuilder js) {
        for (String registration : registrations) {
            js.append(registration).append('\n');
        }
    }

    /**
     * The registry: handlers by element id and event type; one pair of listeners on the document per
     * type, added with its first handler; {@code forget} drops the handlers of an element and everything
     * in it (an AJAX update replaced them). Left open: the page's registrations follow, then it closes.
     */
    private static final String RUNTIME = """
            (function(){var r=window.ssrguardFaces;if(!r){var h={},types={};
            function d(e){for(var el=e.target;el&&el.nodeType===1;el=e.bubbles?el.parentNode:null){\
            var m=el.id&&Object.prototype.hasOwnProperty.call(h,el.id)?h[el.id]:null;\
            var fs=m&&Object.prototype.hasOwnProperty.call(m,e.type)?m[e.type]:null;\
            if(fs){for(var i=0;i<fs.length;i++){if(fs[i].call(el,e)===false){e.preventDefault();}}\
            if(e.cancelBubble){return;}}}}
            function on(id,t,f){var m=h[id]||(h[id]={});(m[t]||(m[t]=[])).push(f);\
            if(!Object.prototype.hasOwnProperty.call(types,t)){types[t]=1;\
            document.addEventListener(t,function(e){if(e.bubbles){d(e);}},false);\
            document.addEventListener(t,function(e){if(!e.bubbles){d(e);}},true);}}
            function w(t,f){window.addEventListener(t,function(e){if(f.call(window,e)===false){e.preventDefault();}});}
            function forget(el){if(el.id){delete h[el.id];}var all=el.getElementsByTagName("*");\
            for(var i=0;i<all.length;i++){if(all[i].id){delete h[all[i].id];}}}
            r=window.ssrguardFaces={on:on,w:w,forget:forget,clear:function(id){delete h[id];}};}
            var on=r.on,w=r.w;
            """;

    /**
     * The AJAX hook, a function of the page's nonce (see {@link #pageText}). Its pattern spells the tag
     * {@code <[s]cript}, so that nothing reading the page takes the pattern for a script tag.
     */
    private static final String HOOK = """
            (function(N){var a=window.faces&&window.faces.ajax;if(!a||!a.response||a.response.ssrguard){return;}
            var original=a.response,S=/<[s]cript\\b([^>]*)>([\\s\\S]*?)<\\/script\\s*>/gi,A=/\\bnonce\\s*=\\s*"([^"]*)"/i,SRC=/\\bsrc\\s*=/i;
            function textOf(n){var t="";for(var c=n.firstChild;c;c=c.nextSibling){t+=c.nodeValue;}return t;}
            function setText(n,t){while(n.firstChild){n.removeChild(n.firstChild);}n.appendChild(n.ownerDocument.createTextNode(t));}
            function run(code){var s=document.createElement("script");s.setAttribute("nonce",N);s.text=code;\
            var p=document.head||document.documentElement;p.appendChild(s);p.removeChild(s);}
            var hooked=function(request,context){var xml=request&&request.responseXML,queue=[],ids=[];
            var changes=xml&&xml.getElementsByTagName?xml.getElementsByTagName("changes")[0]:null;
            for(var c=changes?changes.firstChild:null;c;c=c.nextSibling){
            if(c.nodeName==="update"){var t=textOf(c),kept=t.replace(S,function(all,attrs,code){\
            var n=attrs.match(A);if(n&&n[1]===N&&!SRC.test(attrs)){queue.push(code);return "";}return all;});\
            if(kept!==t){setText(c,kept);}ids.push(c.getAttribute("id"));}
            else if(c.nodeName==="eval"&&c.getAttribute("nonce")===N){queue.push(textOf(c));setText(c,"");}}
            var result=original.apply(this,arguments),r=window.ssrguardFaces;
            for(var i=0;r&&i<ids.length;i++){var el=ids[i]==="jakarta.faces.ViewRoot"||ids[i]==="jakarta.faces.ViewBody"?\
            document.documentElement:document.getElementById(ids[i]);if(el){r.forget(el);}}
            for(var j=0;j<queue.length;j++){run(queue[j]);}
            return result;};
            hooked.ssrguard=true;a.response=hooked;})""";

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
