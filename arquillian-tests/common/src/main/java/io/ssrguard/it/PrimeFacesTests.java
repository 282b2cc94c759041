package io.ssrguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.jboss.shrinkwrap.api.asset.ClassLoaderAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * PrimeFaces in its CSP mode ({@code primefaces.CSP=true}) beside the pack's CSP, on Payara and WildFly:
 * a page with PrimeFaces components has one CSP header (the pack's; PrimeFaces' own is dropped), every
 * script carries the pack's nonce, PrimeFaces' {@code PrimeFaces.csp.init} gets that nonce, and HtmlUnit
 * performs the PrimeFaces AJAX post and its update, whose scripts carry the page's nonce.
 *
 * <p>PrimeFaces is not part of the sample: {@link #withPrimeFaces} adds its jar, the page and the
 * context parameter to a test deployment ({@link SplitCookieIT}'s, so that no server boots for it alone).
 * HtmlUnit does not enforce CSP, hence the assertions on the markup.
 */
interface PrimeFacesTests {

    String PAGE = "faces/prime.xhtml";

    /** The deployment's base URI. */
    URI base();

    private static boolean hasFaces() {
        return !"tomcat".equals(System.getProperty("it.container"));
    }

    /**
     * The deployment with PrimeFaces (the jar on this test's class path), its CSP mode on, and the test
     * page; unchanged on Tomcat, which has no Faces.
     */
    static WebArchive withPrimeFaces(WebArchive war) {
        if (!hasFaces()) {
            return war;
        }
        URL primeFacesClass = PrimeFacesTests.class.getClassLoader().getResource("org/primefaces/PrimeFaces.class");
        if (primeFacesClass == null || !primeFacesClass.getProtocol().equals("jar")) {
            throw new IllegalStateException("PrimeFaces is not on the test class path: " + primeFacesClass);
        }
        String jar = primeFacesClass.getPath().substring(0, primeFacesClass.getPath().indexOf("!/"));
        try {
            war.addAsLibrary(new File(new URI(jar)));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(jar, e);
        }
        war.addAsWebResource(new ClassLoaderAsset("it-pages/prime.xhtml"), PAGE);
        return SampleDeployment.withContextParam(war, "primefaces.CSP", "true");
    }

    @Test
    default void primeFacesCspModeUsesThePacksNonceAndHeaderAndItsAjaxStillWorks() throws Exception {
        assumeTrue(hasFaces(), "Tomcat has no Jakarta Faces");
        HttpSession session = new HttpSession(base()).userAgent(CsrfTests.USER_AGENT);
        assertEquals(200, session.login("alice", "alice123").statusCode());
        try (FacesBrowser alice = new FacesBrowser(base(), session, CsrfTests.USER_AGENT)) {
            HtmlPage page = alice.open(PAGE);
            assertEquals(200, page.getWebResponse().getStatusCode(), page.getWebResponse().getContentAsString());
            String html = page.getWebResponse().getContentAsString();
            String nonce = FacesTests.strictNonce(page);
            assertEquals(null, page.getWebResponse().getResponseHeaderValue("Content-Security-Policy-Report-Only"),
                    "one policy: the pack's header alone, PrimeFaces' dropped");

            assertTrue(html.contains("PrimeFaces.csp.init("), "PrimeFaces' CSP mode is on: " + html);
            assertTrue(html.replace("\\/", "/").contains("PrimeFaces.csp.init('" + nonce + "')")
                    || html.replace("\\/", "/").contains("PrimeFaces.csp.init(\"" + nonce + "\")"),
                    "PrimeFaces takes the pack's nonce: " + html);
            assertTrue(html.contains("PrimeFaces.csp.register("), "PrimeFaces moved its handlers: " + html);
            FacesTests.assertNoInlineCode(html);
            assertTrue(FacesTests.everyScriptCarries(nonce, html) >= 3, "PrimeFaces' scripts, nonce'd: " + html);

            page.<HtmlInput>getHtmlElementById("pf:parcel").setValue("GH012");
            page.<HtmlElement>getHtmlElementById("pf:go").click();
            alice.settle();
            FacesBrowser.Exchange ajax = alice.last();
            assertEquals("POST", ajax.method());
            assertEquals(200, ajax.status(), ajax.body());
            assertTrue(ajax.body().contains("<partial-response"), "a PrimeFaces AJAX post: " + ajax.body());
            FacesTests.assertNoInlineCode(ajax.body());
            FacesTests.everyScriptCarries(nonce, ajax.body());
            assertEquals("clicked", page.getHtmlElementById("pf:clicked").getTextContent(),
                    "the button's own onclick ran from PrimeFaces' registration");
            assertEquals("ajax: GH012 via post", page.getHtmlElementById("pf:status").getTextContent().trim(),
                    "the PrimeFaces AJAX update reached the page");
        }
    }
}
