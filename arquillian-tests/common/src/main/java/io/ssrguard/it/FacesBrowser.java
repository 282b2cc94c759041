package io.ssrguard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.htmlunit.util.WebConnectionWrapper;

/**
 * HtmlUnit (the Faces TCK's browser, JavaScript on) for the sample's Faces page, with the cookies of a
 * session signed in through {@link HttpSession}. Cookies are kept by hand, as {@link HttpSession} keeps
 * them: the pack's cookies are {@code Secure} and the tests speak plain http, where a browser's cookie
 * store would drop them. Every exchange is recorded, so a test sees what an AJAX post got.
 */
final class FacesBrowser implements AutoCloseable {

    /** One request the browser sent and the status it got. */
    record Exchange(String method, String url, Map<String, String> headers, int status, String body) {
    }

    private final WebClient client;
    private final URI base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    private final List<Exchange> exchanges = new ArrayList<>();

    /** A browser holding {@code session}'s cookies and sending its User-Agent ({@code userAgent}). */
    FacesBrowser(URI base, HttpSession session, String userAgent) {
        this.base = base;
        client = new WebClient(new BrowserVersion.BrowserVersionBuilder(BrowserVersion.FIREFOX)
                .setUserAgent(userAgent).build());
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.getOptions().setThrowExceptionOnScriptError(true);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setWebSocketEnabled(false);
        client.getCookieManager().setCookiesEnabled(false);
        cookies.putAll(session.cookies());
        new WebConnectionWrapper(client) {
            @Override
            public WebResponse getResponse(WebRequest request) throws IOException {
                if (!cookies.isEmpty()) {
                    request.setAdditionalHeader("Cookie", cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
                }
                extraHeaders.forEach(request::setAdditionalHeader);
                WebResponse response = super.getResponse(request);
                for (NameValuePair header : response.getResponseHeaders()) {
                    if (header.getName().equalsIgnoreCase("Set-Cookie")) {
                        SetCookie c = SetCookie.parse(header.getValue());
                        if (c.deletes()) {
                            cookies.remove(c.name());
                        } else {
                            cookies.put(c.name(), c.value());
                        }
                    }
                }
                exchanges.add(new Exchange(request.getHttpMethod().name(), request.getUrl().toString(),
                        Map.copyOf(request.getAdditionalHeaders()), response.getStatusCode(),
                        response.getContentAsString()));
                return response;
            }
        };
    }

    /** Opens a page of the deployment; fails the test unless it is an HTML page. */
    HtmlPage open(String path) {
        try {
            return client.getPage(base.resolve(path).toURL());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends this header on every following request (a forged Origin, for instance). */
    FacesBrowser header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    /** Lets background JavaScript (an AJAX round trip) finish. */
    void settle() {
        client.waitForBackgroundJavaScript(10_000);
    }

    /** The last exchange. */
    Exchange last() {
        return exchanges.get(exchanges.size() - 1);
    }

    /** Every exchange so far, oldest first. */
    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    @Override
    public void close() {
        client.close();
    }
}
