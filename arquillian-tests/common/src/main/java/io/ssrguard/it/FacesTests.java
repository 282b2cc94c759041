package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.Test;

/**
 * The sample's Jakarta Faces page ({@code /faces/track.xhtml}) driven by HtmlUnit on Payara and WildFly,
 * which have Faces: its posts carry the CSRF form field the pack adds to every POST form (plain, AJAX,
 * command link, a select that submits on change), posts without a valid field are refused, and the HTML
 * is fit for {@code script-src 'self' 'nonce-…'}: no inline handler, no {@code javascript:} URL, every
 * script nonce'd, while the AJAX update and the link's post still work; an AJAX update that brings its own
 * handler and script carries the page's nonce and both work, once. On Tomcat, which has no Faces,
 * the page is not part of the WAR.
 *
 * <p>A test interface run in {@link FilterChainIT}'s deployment, like {@link CsrfTests}, so it boots no
 * server of its own. HtmlUnit runs the page's JavaScript but does not enforce CSP, hence the assertions
 * on the markup.
 */
interface FacesTests {

    String PAGE = "faces/track.xhtml";
    String FIELD = "_csrf";
    /** An {@code on…=} attribute anywhere in markup. */
    Pattern INLINE_HANDLER = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    Pattern SCRIPT_TAG = Pattern.compile("<script\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    /** The deployment's base URI. */
    URI base();

    private static void assumeFaces() {
        assumeFalse("tomcat".equals(System.getProperty("it.container")), "Tomcat has no Jakarta Faces");
    }

    /** HtmlUnit with the cookies of a fresh sign-in of {@code user} (each call is a new login session). */
    private FacesBrowser browser(String user, String password) {
        HttpSession session = new HttpSession(base()).userAgent(CsrfTests.USER_AGENT);
        HttpResponse<String> login = session.login(user, password);
        assertEquals(200, login.statusCode(), "login of " + user + ": " + login.body());
        return new FacesBrowser(base(), session, CsrfTests.USER_AGENT);
    }

    private static HtmlPage page(FacesBrowser browser) {
        HtmlPage page = browser.open(PAGE);
        assertEquals(200, page.getWebResponse().getStatusCode(), page.getWebResponse().getContentAsString());
        return page;
    }

    private static String text(HtmlPage page, String id) {
        return page.getHtmlElementById(id).getTextContent().trim();
    }

    private static HtmlInput field(HtmlPage page) {
        List<HtmlInput> fields = page.getForms().get(0).getInputsByName(FIELD);
        assertEquals(1, fields.size(), "one CSRF field in the Faces form");
        return fields.get(0);
    }

    @Test
    default void facesPlainAjaxLinkAndSelectPostsCarryTheFieldThePackAdds() throws Exception {
        assumeFaces();
        try (FacesBrowser alice = browser("alice", "alice123")) {
            HtmlPage page = page(alice);
            assertEquals("hidden", field(page).getTypeAttribute());
            assertFalse(field(page).getValue().isEmpty(), "the field holds the client token");

            page.<HtmlInput>getHtmlElementById("track:parcel").setValue("AB123");
            HtmlPage posted = page.<HtmlElement>getHtmlElementById("track:post").click();
            assertEquals(200, alice.last().status(), alice.last().body());
            assertEquals("posted: AB123 via post", text(posted, "track:status"), "the plain post reached the bean");

            posted.<HtmlInput>getHtmlElementById("track:parcel").setValue("CD456");
            HtmlPage same = posted.<HtmlElement>getHtmlElementById("track:ajax").click();
            alice.settle();
            FacesBrowser.Exchange ajax = alice.last();
            assertEquals("POST", ajax.method());
            assertEquals("partial/ajax", ajax.headers().get("Faces-Request"), "an AJAX post, not a page load");
            assertEquals(200, ajax.status(), ajax.body());
            assertTrue(ajax.body().contains("<partial-response"), ajax.body());
            assertEquals("ajax: CD456 via post", text(same, "track:status"), "the AJAX update reached the page");

            HtmlPage linked = same.<HtmlElement>getHtmlElementById("track:link").click();
            assertEquals(200, alice.last().status(), alice.last().body());
            assertEquals("link: CD456 via post", text(linked, "track:status"), "the command link posted its form");

            HtmlSelect carrier = linked.getHtmlElementById("track:carrier");
            HtmlPage changed = carrier.setSelectedAttribute("courier", true);
            assertEquals("POST", alice.last().method(), "onchange=\"submit()\" submitted the form");
            assertEquals(200, alice.last().status(), alice.last().body());
            assertEquals("courier", text(changed, "track:shown-carrier"));
        }
    }

    @Test
    default void facesPageHasNoInlineHandlerAndEveryScriptCarriesTheResponsesNonce() throws Exception {
        assumeFaces();
        try (FacesBrowser alice = browser("alice", "alice123")) {
            HtmlPage page = page(alice);
            String html = page.getWebResponse().getContentAsString();
            String nonce = strictNonce(page);

            assertNoInlineCode(html);
            assertTrue(everyScriptCarries(nonce, html) >= 2, "faces.js and the pack's listener script, at least: " + html);
            assertTrue(html.contains("addEventListener"), "the handlers moved into the nonce'd script");

            page.<HtmlElement>getHtmlElementById("track:ajax").click();
            alice.settle();
            assertEquals(200, alice.last().status());
            assertNoInlineCode(alice.last().body());
        }
    }

    /** The nonce of the page's one CSP header, whose {@code script-src} is strict. */
    static String strictNonce(HtmlPage page) {
        List<String> policies = page.getWebResponse().getResponseHeaders().stream()
                .filter(h -> h.getName().equalsIgnoreCase("Content-Security-Policy")).map(h -> h.getValue()).toList();
        assertEquals(1, policies.size(), "one CSP header: " + policies);
        String scriptSrc = policies.get(0).split("script-src", 2)[1].split(";", 2)[0];
        assertFalse(scriptSrc.contains("unsafe-inline") || scriptSrc.contains("unsafe-hashes"),
                "a strict policy: " + policies.get(0));
        Matcher headerNonce = CspTests.HEADER_NONCE.matcher(scriptSrc);
        assertTrue(headerNonce.find(), policies.get(0));
        return headerNonce.group(1);
    }

    /** Asserts that every script tag in the markup carries the nonce; answers how many there are. */
    static int everyScriptCarries(String nonce, String markup) {
        Matcher scripts = SCRIPT_TAG.matcher(markup);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group().contains("nonce=\"" + nonce + "\""), "not nonce'd: " + scripts.group());
        }
        return count;
    }

    @Test
    default void facesAjaxUpdateBringsHandlersAndScriptsThatRunUnderThePagesNonce() throws Exception {
        assumeFaces();
        try (FacesBrowser alice = browser("alice", "alice123")) {
            HtmlPage page = page(alice);
            String pageNonce = strictNonce(page);
            assertTrue(page.getWebResponse().getContentAsString().contains("ssrguardFaces"), "the page's registry and hook");

            page.<HtmlInput>getHtmlElementById("track:parcel").setValue("EF789");
            page.<HtmlElement>getHtmlElementById("track:ajax").click();
            alice.settle();
            FacesBrowser.Exchange ajax = alice.last();
            assertEquals(200, ajax.status(), ajax.body());
            String xml = ajax.body();
            assertTrue(xml.contains("<partial-response") && xml.contains("track:seen"), "the update brought the button: " + xml);
            assertNoInlineCode(xml);
            assertEquals(2, everyScriptCarries(pageNonce, xml),
                    "the update's own script and the one registering its handlers, with the nonce of the page, "
                            + "whose policy applies to the update (not the AJAX response's): " + xml);

            assertEquals("ajax: EF789 via post", text(page, "track:status"));
            assertEquals("script ran 1", text(page, "track:script-mark"),
                    "the update's script ran once: through the page's hook, nonce'd, and not by faces.js without a nonce");
            page.<HtmlElement>getHtmlElementById("track:seen").click();
            assertEquals("seen by track:seen;", text(page, "track:seen-mark"), "the handler that came with the update runs");

            page.<HtmlElement>getHtmlElementById("track:ajax").click();
            alice.settle();
            assertEquals(200, alice.last().status(), alice.last().body());
            assertEquals("script ran 2", text(page, "track:script-mark"));
            page.<HtmlElement>getHtmlElementById("track:seen").click();
            assertEquals("seen by track:seen;", text(page, "track:seen-mark"),
                    "the re-rendered button's handler replaced its first one rather than running beside it");
        }
    }

    static void assertNoInlineCode(String markup) {
        Matcher handler = INLINE_HANDLER.matcher(markup);
        assertFalse(handler.find(), () -> "inline handler in " + handler.group());
        assertFalse(markup.toLowerCase(Locale.ROOT).contains("javascript:"), "a javascript: URL in " + markup);
    }

    @Test
    default void facesPostsWithAnotherSessionsFieldNoFieldOrFromAnotherSiteAreRefused() throws Exception {
        assumeFaces();
        try (FacesBrowser first = browser("alice", "alice123"); FacesBrowser second = browser("alice", "alice123")) {
            String firstToken = field(page(first)).getValue();

            HtmlPage control = page(second);
            assertNotEquals(firstToken, field(control).getValue(), "each login session has its own token");
            control.<HtmlElement>getHtmlElementById("track:post").click();
            assertEquals(200, second.last().status(), "control: the second session's own page posts");

            HtmlPage copied = page(second);
            field(copied).setValue(firstToken);
            copied.<HtmlElement>getHtmlElementById("track:post").click();
            assertEquals(403, second.last().status(), "a field rendered for another session");
            assertTrue(second.last().body().contains("csrf"), second.last().body());

            HtmlPage removed = page(second);
            field(removed).remove();
            removed.<HtmlElement>getHtmlElementById("track:post").click();
            assertEquals(403, second.last().status(), "a form whose field was removed");

            HtmlPage removedAjax = page(second);
            field(removedAjax).remove();
            removedAjax.<HtmlElement>getHtmlElementById("track:ajax").click();
            second.settle();
            assertEquals("partial/ajax", second.last().headers().get("Faces-Request"));
            assertEquals(403, second.last().status(), "an AJAX post without the field");

            HtmlPage crossSite = page(second);
            assertNotNull(field(crossSite).getValue());
            second.header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site");
            crossSite.<HtmlElement>getHtmlElementById("track:post").click();
            assertEquals(403, second.last().status(), "a cross-site post with a valid field");
        }
    }

    @Test
    default void tomcatServesNoFacesPage() {
        assumeTrue("tomcat".equals(System.getProperty("it.container")), "only Tomcat lacks Faces");
        HttpSession alice = new HttpSession(base()).userAgent(CsrfTests.USER_AGENT);
        assertEquals(200, alice.login("alice", "alice123").statusCode());
        HttpResponse<String> page = alice.get(PAGE);
        assertEquals(404, page.statusCode(), "the Tomcat WAR leaves the Facelets page out: " + page.body());
    }
}
