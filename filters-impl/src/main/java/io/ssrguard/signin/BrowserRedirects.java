package io.ssrguard.signin;

import io.ssrguard.http.ReturnPath;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where the sign-in endpoints send a person's browser instead of answering JSON: after a sign-in
 * or sign-out posted from an HTML form, and after a refused OpenID Connect navigation. Every
 * target is a path inside the application, answered with {@code 303 See Other} (the browser then
 * loads it with a GET) and never cached.
 */
public final class BrowserRedirects {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final SignInSettings settings;

    public BrowserRedirects(SignInSettings settings) {
        this.settings = settings;
    }

    /**
     * Whether a POST is an HTML form a browser submitted, which wants a page back rather than JSON:
     * a URL-encoded body, from a browser that says it navigates ({@code Sec-Fetch-Mode: navigate}) or
     * that sends no Fetch Metadata. A script's {@code fetch} of the same body carries
     * {@code Sec-Fetch-Mode: cors} or {@code same-origin} and keeps the JSON answers; so does JSON.
     */
    public static boolean isFormPost(HttpServletRequest request) {
        return isFormPost(request.getContentType(), request.getHeader("Sec-Fetch-Mode"));
    }

    static boolean isFormPost(String contentType, String fetchMode) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals(FORM) && (fetchMode == null || fetchMode.equals("navigate"));
    }

    /** After a sign-in: to {@code returnTo} when it is a path inside the application, else to its root. */
    public void toReturnTo(HttpServletRequest request, HttpServletResponse response, String returnTo) {
        seeOther(response, request.getContextPath() + safe(returnTo));
    }

    /** Back to the sign-in page with an error code its page shows in words, keeping {@code returnTo}. */
    public void toSignIn(HttpServletRequest request, HttpServletResponse response, String code, String returnTo) {
        seeOther(response, request.getContextPath() + settings.location().path() + "?error=" + encode(code)
                + "&returnTo=" + encode(safe(returnTo)));
    }

    /** After a sign-out posted from a form. */
    public void afterSignOut(HttpServletRequest request, HttpServletResponse response) {
        seeOther(response, request.getContextPath() + settings.postLogoutPath());
    }

    /** After a refused OpenID Connect navigation: to the error page (by default the sign-in page) with the code. */
    public void toOidcErrorPage(HttpServletRequest request, HttpServletResponse response, String code) {
        seeOther(response, request.getContextPath() + settings.oidcErrorPage() + "?error=" + encode(code));
    }

    /** {@code returnTo} if it is a path inside the application, else the application's root: never another site. */
    static String safe(String returnTo) {
        return ReturnPath.parse(returnTo).orElse("/");
    }

    private static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(0);
        // A path on this host: the browser resolves it against the address it posted to (RFC 9110, 10.2.2).
        response.setHeader("Location", location);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
