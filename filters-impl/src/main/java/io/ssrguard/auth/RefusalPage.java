package io.ssrguard.auth;

import static io.ssrguard.http.HtmlResponses.escape;

import java.util.Optional;

/**
 * The pack's built-in page for a browser navigation refused 401 or 403: a
 * heading, one sentence and the way on (sign in, or home), in a few lines of
 * style that the request's CSP nonce allows. No detail about the resource, the
 * roles or the caller, and no stack trace.
 */
final class RefusalPage {

    private RefusalPage() {
    }

    /**
     * @param status      401 or 403
     * @param signIn      the sign-in location with {@code returnTo} to the refused page
     * @param home        the application's root
     * @param nonce       the request's CSP nonce, when the pack's CSP runs
     */
    static String html(int status, String signIn, String home, Optional<String> nonce) {
        boolean forbidden = status == 403;
        String title = forbidden ? "Access denied" : "Sign-in required";
        String text = forbidden
                ? "You are signed in, but your account may not open this page."
                : "This page needs you to sign in.";
        String links = forbidden
                ? "<a href=\"" + escape(home) + "\">Home</a> <a href=\"" + escape(signIn) + "\">Sign in with another account</a>"
                : "<a href=\"" + escape(signIn) + "\">Sign in</a> <a href=\"" + escape(home) + "\">Home</a>";
        String nonceAttribute = nonce.map(n -> " nonce=\"" + escape(n) + "\"").orElse("");
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + title + "</title>"
                + "<style" + nonceAttribute + ">body{font-family:system-ui,sans-serif;margin:0;color:#1f2328;"
                + "background:#f6f8fa}main{max-width:28rem;margin:12vh auto;padding:2rem;background:#fff;"
                + "border:1px solid #d0d7de;border-radius:8px}h1{font-size:1.4rem;margin-top:0}"
                + "a{margin-right:1rem;color:#0969da}</style></head>\n"
                + "<body><main><h1>" + title + "</h1><p>" + text + "</p><p>" + links + "</p></main></body></html>\n";
    }
}
