package io.ssrguard.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.faces.context.ResponseWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.BrowserVersion;
import org.htmlunit.MockWebConnection;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;

class GuardedResponseWriterTest {

    private static final String NONCE = "bm9uY2Utb2YtdGhpcy1wYWdl";
    private static final Pattern INLINE_HANDLER = Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE);

    @FunctionalInterface
    interface Markup {
        void writeTo(ResponseWriter w) throws IOException;
    }

    private static String render(PageRender page, Markup markup) throws IOException {
        StringWriter out = new StringWriter();
        ResponseWriter writer = new GuardedResponseWriter(new HtmlStringWriter(out), page);
        writer.startDocument();
        markup.writeTo(writer);
        writer.endDocument();
        return out.toString();
    }

    private static PageRender fullPage() {
        return new PageRender(NONCE, "_csrf", "tok-en", false);
    }

    private static void form(ResponseWriter w, String method, Markup inside) throws IOException {
        w.startElement("form", null);
        w.writeAttribute("id", "f", null);
        if (method != null) {
            w.writeAttribute("method", method, null);
        }
        w.writeURIAttribute("action", "/post", null);
        inside.writeTo(w);
        w.endElement("form");
    }

    @Test
    void postFormGetsTheCsrfFieldBeforeItCloses() throws IOException {
        String html = render(new PageRender(null, "_csrf", "tok-en", false), w -> form(w, "post", x -> {
            x.startElement("input", null);
            x.writeAttribute("name", "q", null);
            x.endElement("input");
        }));
        assertTrue(html.endsWith("<input name=\"q\"></input><input type=\"hidden\" name=\"_csrf\" value=\"tok-en\"></input></form>"), html);
    }

    @Test
    void getFormsAndFormsWithoutMethodGetNoField() throws IOException {
        assertFalse(render(fullPage(), w -> form(w, "get", x -> { })).contains("_csrf"), "a token in a URL leaks");
        assertFalse(render(fullPage(), w -> form(w, null, x -> { })).contains("_csrf"), "no method is GET");
    }

    @Test
    void withoutTokenNoFieldIsWritten() throws IOException {
        assertFalse(render(new PageRender(NONCE, "_csrf", null, false), w -> form(w, "post", x -> { })).contains("_csrf"));
    }

    @Test
    void inlineHandlersAndJavascriptUrlsLeaveTheMarkupForTheNoncedScript() throws IOException {
        String html = render(fullPage(), w -> {
            w.startElement("body", null);
            w.startElement("a", null);
            w.writeURIAttribute("href", "javascript:go()", null);
            w.writeAttribute("onclick", "mojarra.ab(this,event,'action',0,0);return false", null);
            w.writeAttribute("id", "f:link", null); // after the handler, as some renderers write it
            w.writeText("Go", null);
            w.endElement("a");
            w.endElement("body");
        });
        assertFalse(INLINE_HANDLER.matcher(html).find(), html);
        assertFalse(html.contains("javascript:"), html);
        assertTrue(html.contains("<a href=\"#\" id=\"f:link\">Go</a>"), "no id of our own when it has one: " + html);
        assertTrue(html.contains("<script nonce=\"" + NONCE + "\">"), html);
        assertTrue(html.indexOf("<script") < html.indexOf("</body>"), "the script comes before the body ends: " + html);
        assertTrue(html.contains("on(\"f:link\",\"click\""), html);
        assertTrue(html.contains("mojarra.ab(this,event,'action',0,0);return false"), html);
    }

    @Test
    void elementWithoutIdGetsOneForItsHandler() throws IOException {
        String html = render(fullPage(), w -> {
            w.startElement("button", null);
            w.writeAttribute("onclick", "x()", null);
            w.endElement("button");
        });
        Matcher id = Pattern.compile("<button id=\"(ssrguard-h[0-9a-z]+-0)\">").matcher(html);
        assertTrue(id.find(), html);
        assertTrue(html.contains("on(\"" + id.group(1) + "\",\"click\""), "the script names that id: " + html);
    }

    @Test
    void everyScriptAndStyleCarriesTheResponsesNonceOnly() throws IOException {
        String html = render(fullPage(), w -> {
            w.startElement("script", null);
            w.writeAttribute("nonce", "a-library-s-own", null);
            w.writeURIAttribute("src", "/faces.js", null);
            w.endElement("script");
            w.startElement("style", null);
            w.writeText("p{}", null);
            w.endElement("style");
        });
        assertEquals("<script nonce=\"" + NONCE + "\" src=\"/faces.js\"></script><style nonce=\"" + NONCE + "\">p{}</style>", html);
    }

    @Test
    void withoutNonceTheMarkupIsLeftAlone() throws IOException {
        String html = render(new PageRender(null, "_csrf", "tok-en", false), w -> {
            w.startElement("script", null);
            w.endElement("script");
            w.startElement("a", null);
            w.writeAttribute("onclick", "x()", null);
            w.endElement("a");
        });
        assertEquals("<script></script><a onclick=\"x()\"></a>", html);
    }

    /** A partial response of the page whose nonce is {@link #NONCE}, as Faces' partial writer writes it. */
    private static String partial(Markup changes) throws IOException {
        return render(new PageRender(NONCE, "_csrf", "tok-en", true), w -> {
            w.startElement("partial-response", null);
            w.startElement("changes", null);
            changes.writeTo(w);
            w.endElement("changes");
            w.endElement("partial-response");
        });
    }

    /** An {@code <update>} of the element {@code id}, its HTML a {@code div} with that id. */
    private static void update(ResponseWriter w, String id, Markup inside) throws IOException {
        w.startElement("update", null);
        w.writeAttribute("id", id, null);
        w.startCDATA();
        w.startElement("div", null);
        w.writeAttribute("id", id, null);
        inside.writeTo(w);
        w.endElement("div");
        w.endCDATA();
        w.endElement("update");
    }

    private static void eval(ResponseWriter w, String code) throws IOException {
        w.startElement("eval", null);
        w.startCDATA();
        w.write(code);
        w.endCDATA();
        w.endElement("eval");
    }

    @Test
    void partialResponseCarriesThePagesNonceAndEndsEachUpdateWithItsHandlers() throws IOException {
        String xml = partial(w -> {
            update(w, "f:panel", u -> {
                u.startElement("a", null);
                u.writeAttribute("id", "f:link", null);
                u.writeAttribute("onclick", "x()", null);
                u.endElement("a");
                u.startElement("span", null);
                u.writeAttribute("onclick", "y()", null);
                u.endElement("span");
                u.startElement("script", null);
                u.writeText("z()", null);
                u.endElement("script");
            });
            w.startElement("update", null);
            w.writeAttribute("id", "j_id1:jakarta.faces.ViewState:0", null);
            w.startCDATA();
            w.writeText("state", null);
            w.endCDATA();
            w.endElement("update");
            eval(w, "done()");
        });
        assertFalse(INLINE_HANDLER.matcher(xml).find(), xml);
        Matcher spanId = Pattern.compile("<span id=\"(ssrguard-h[0-9a-z]+-0)\">").matcher(xml);
        assertTrue(spanId.find(), "an element without id gets one in an update too: " + xml);
        assertTrue(xml.contains("<script nonce=\"" + NONCE + "\">z()</script>"), "the page's nonce: " + xml);
        int updateEnd = xml.indexOf("]]></update>");
        String handlers = xml.substring(xml.indexOf("</div>"), updateEnd);
        assertTrue(handlers.startsWith("</div><script nonce=\"" + NONCE + "\">(function(){var r=window.ssrguardFaces;"),
                "the update ends in its handlers' script: " + xml);
        assertTrue(handlers.contains("on(\"f:link\",\"click\"") && handlers.contains("on(\"" + spanId.group(1) + "\",\"click\""),
                handlers);
        assertTrue(xml.contains("jakarta.faces.ViewState:0\"><![CDATA[state]]></update>"), "no script where no handler: " + xml);
        assertTrue(xml.contains("<eval nonce=\"" + NONCE + "\"><![CDATA[done()]]></eval>"), xml);
        assertFalse(xml.contains("ssrguardFaces={"), "no page script in an update: " + xml);
    }

    @Test
    void clonesShareTheResponsesScript() throws IOException {
        StringWriter out = new StringWriter();
        PageRender page = fullPage();
        ResponseWriter original = new GuardedResponseWriter(new HtmlStringWriter(out), page);
        ResponseWriter clone = original.cloneWithWriter(out);
        clone.startElement("a", null);
        clone.writeAttribute("id", "x", null);
        clone.writeAttribute("onclick", "x()", null);
        clone.endElement("a");
        original.endDocument();
        assertTrue(out.toString().contains("on(\"x\",\"click\""), out.toString());
        assertEquals(1, out.toString().split("<script", -1).length - 1, "one script per response");
    }

    /** The page a test browser runs: handlers moved by the writer, behaving as the inline ones would. */
    private static String behaviourPage() throws IOException {
        return render(fullPage(), w -> {
            w.startElement("html", null);
            w.startElement("body", null);
            w.writeAttribute("onload", "document.body.setAttribute('data-loaded', 'yes')", null);
            form(w, "post", f -> {
                f.startElement("select", null);
                f.writeAttribute("id", "f:carrier", null);
                f.writeAttribute("name", "f:carrier", null);
                f.writeAttribute("onchange", "submit()", null); // the form's submit, through the inline scope
                for (String v : List.of("a", "b")) {
                    f.startElement("option", null);
                    f.writeAttribute("value", v, null);
                    f.writeText(v, null);
                    f.endElement("option");
                }
                f.endElement("select");
                f.startElement("a", null);
                f.writeAttribute("id", "f:link", null);
                f.writeURIAttribute("href", "/elsewhere", null);
                f.writeAttribute("onclick", "this.setAttribute('data-clicked', event.type); return false", null);
                f.startElement("span", null);
                f.writeAttribute("id", "inner", null);
                f.writeText("link", null);
                f.endElement("span");
                f.endElement("a");
                f.startElement("a", null);
                f.writeAttribute("class", "no-id", null);
                f.writeURIAttribute("href", "javascript:document.body.setAttribute('data-url',%20'ran')", null);
                f.writeText("url", null);
                f.endElement("a");
                f.startElement("div", null);
                f.writeAttribute("id", "f:box", null);
                f.writeAttribute("onclick", "document.body.setAttribute('data-box', id)", null); // id: the element's
                f.startElement("button", null);
                f.writeAttribute("type", "button", null);
                f.writeAttribute("id", "btn", null);
                f.endElement("button");
                f.endElement("div");
            });
            w.endElement("body");
            w.endElement("html");
        });
    }

    @Test
    void movedHandlersBehaveInABrowserAsTheInlineOnesDid() throws Exception {
        String html = behaviourPage();
        assertFalse(INLINE_HANDLER.matcher(html).find(), html);
        URL url = new URL("http://localhost/page");
        try (WebClient client = new WebClient(BrowserVersion.FIREFOX)) {
            MockWebConnection connection = new MockWebConnection();
            connection.setResponse(url, html);
            connection.setDefaultResponse("<html><body>posted</body></html>");
            client.setWebConnection(connection);
            client.getOptions().setThrowExceptionOnScriptError(true);
            client.getOptions().setWebSocketEnabled(false);
            HtmlPage page = client.getPage(url);
            assertEquals("yes", page.getBody().getAttribute("data-loaded"), "body onload ran on the window's load");

            page.<HtmlElement>getHtmlElementById("inner").click();
            assertEquals("click", page.getHtmlElementById("f:link").getAttribute("data-clicked"),
                    "a click inside the link reached its handler, with this and event");
            page.<HtmlElement>getFirstByXPath("//a[@class='no-id']").click();
            assertEquals("ran", page.getBody().getAttribute("data-url"), "the javascript: URL ran on click");
            page.<HtmlElement>getHtmlElementById("btn").click();
            assertEquals("f:box", page.getBody().getAttribute("data-box"), "names resolve on the element first");
            assertEquals(1, connection.getRequestCount(), "return false and javascript: URLs kept the page");

            // An AJAX update replaces the element; the page's script still knows its id.
            page.executeJavaScript("document.body.removeAttribute('data-box');"
                    + "document.getElementById('f:box').outerHTML = '<div id=\"f:box\"><button type=\"button\" id=\"btn2\">b</button></div>';");
            page.<HtmlElement>getHtmlElementById("btn2").click();
            assertEquals("f:box", page.getBody().getAttribute("data-box"), "the replaced element kept its handler");

            HtmlSelect select = page.getHtmlElementById("f:carrier");
            select.setSelectedAttribute("b", true);
            WebRequest posted = connection.getLastWebRequest();
            assertEquals("http://localhost/post", posted.getUrl().toString(), "submit() submitted the select's form");
            assertTrue(posted.getRequestParameters().contains(new NameValuePair("_csrf", "tok-en")), posted.getRequestParameters().toString());
            assertTrue(posted.getRequestParameters().contains(new NameValuePair("f:carrier", "b")));
        }
    }

    /** A partial response as the writer renders it for a page whose nonce is {@link #NONCE}. */
    private static String partialResponse(String scriptNonce) throws IOException {
        return partial(w -> {
            update(w, "f:box", u -> {
                u.startElement("button", null);
                u.writeAttribute("type", "button", null);
                u.writeAttribute("id", "f:new", null);
                u.writeAttribute("onclick", "document.body.setAttribute('data-new', (document.body.getAttribute('data-new') || '') + 'x')", null);
                u.endElement("button");
                u.startElement("script", null);
                u.writeText("window.updateRuns = (window.updateRuns || 0) + 1;", null);
                u.endElement("script");
                // Markup of the update that did not come through the writer's script element: not the page's nonce.
                u.write("<script nonce=\"" + scriptNonce + "\">window.injected = true;</script>");
            });
            eval(w, "window.evalRuns = (window.evalRuns || 0) + 1;");
        });
    }

    @Test
    void thePagesHookRunsAnUpdatesNoncedScriptsAndEvalsOnceAndItsHandlers() throws Exception {
        // A stand-in for faces.js: applies an update's markup and runs the scripts and evals it finds, as
        // faces.js does, without a nonce (under the policy they would be blocked; here they would run twice).
        String fakeFaces = "window.faces={ajax:{response:function(request,context){"
                + "var changes=request.responseXML.getElementsByTagName('changes')[0];"
                + "for(var c=changes.firstChild;c;c=c.nextSibling){var t='';for(var n=c.firstChild;n;n=n.nextSibling){t+=n.nodeValue;}"
                + "if(c.nodeName==='update'){var el=document.getElementById(c.getAttribute('id'));"
                + "el.outerHTML=t.replace(/<[s]cript[^>]*>[\\s\\S]*?<\\/script>/g,'');"
                + "var m,re=/<[s]cript[^>]*>([\\s\\S]*?)<\\/script>/g;while((m=re.exec(t))){window.eval(m[1]);window.fakeFacesRan=(window.fakeFacesRan||0)+1;}}"
                + "else if(c.nodeName==='eval'){window.eval(t);}}}}};";
        String html = render(fullPage(), w -> {
            w.startElement("html", null);
            w.startElement("head", null);
            w.startElement("script", null);
            w.write(fakeFaces);
            w.endElement("script");
            w.endElement("head");
            w.startElement("body", null);
            w.startElement("div", null);
            w.writeAttribute("id", "f:box", null);
            w.endElement("div");
            w.endElement("body");
            w.endElement("html");
        });
        assertTrue(html.contains("ssrguardFaces"), "the page gets the registry and the hook without handlers of its own");
        String xml = partialResponse("guessed");
        assertTrue(xml.contains("<eval nonce=\"" + NONCE + "\">"), xml);
        URL url = new URL("http://localhost/page");
        try (WebClient client = new WebClient(BrowserVersion.FIREFOX)) {
            MockWebConnection connection = new MockWebConnection();
            connection.setResponse(url, html);
            client.setWebConnection(connection);
            client.getOptions().setThrowExceptionOnScriptError(true);
            client.getOptions().setWebSocketEnabled(false);
            HtmlPage page = client.getPage(url);
            String respond = "faces.ajax.response({responseXML: new DOMParser().parseFromString("
                    + HandlerScript.literal(xml) + ", 'text/xml')}, {});";
            page.executeJavaScript(respond);
            assertEquals("1", page.executeJavaScript("String(window.updateRuns)").getJavaScriptResult().toString(),
                    "the update's nonce'd script ran once, through the hook");
            assertEquals("1", page.executeJavaScript("String(window.evalRuns)").getJavaScriptResult().toString(),
                    "the marked eval ran once, through the hook");
            assertEquals("1", page.executeJavaScript("String(window.fakeFacesRan)").getJavaScriptResult().toString(),
                    "only the script without the page's nonce was left to faces.js (which a browser then blocks)");
            page.<HtmlElement>getHtmlElementById("f:new").click();
            assertEquals("x", page.getBody().getAttribute("data-new"), "the update's handler runs");

            page.executeJavaScript(respond);
            assertEquals("2", page.executeJavaScript("String(window.updateRuns)").getJavaScriptResult().toString());
            page.getBody().removeAttribute("data-new");
            page.<HtmlElement>getHtmlElementById("f:new").click();
            assertEquals("x", page.getBody().getAttribute("data-new"), "the second update replaced the handler, once");
        }
    }
}
