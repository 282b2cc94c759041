package io.ssrguard.csrf;

import io.ssrguard.http.LogSafe;
import io.ssrguard.http.WebOrigin;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Defence in depth for unsafe requests, after OWASP's Fetch Metadata guidance;
 * it runs before any token is looked at and no token can overrule it:
 * <ul>
 *   <li>{@code Sec-Fetch-Site: cross-site} is refused;</li>
 *   <li>{@code Sec-Fetch-Site: same-origin} passes: the browser itself says so;</li>
 *   <li>otherwise ({@code same-site}, {@code none}, or no Fetch Metadata from
 *       an older browser or a plain-http origin) a present {@code Origin}, or
 *       failing that {@code Referer}, must be one of the site's own origins or
 *       a trusted origin. The opaque origin {@code null} and unparseable values
 *       count as foreign. A request with neither header passes this check and
 *       still needs a valid token.</li>
 * </ul>
 * A sibling subdomain ({@code same-site}) is treated as foreign unless it is
 * trusted, because sibling subdomains often host content the site does not
 * control.
 */
public final class CrossSiteCheck {

    private final Set<WebOrigin> trustedOrigins;

    /** @param trustedOrigins origins besides the site's own that may send unsafe requests */
    public CrossSiteCheck(Collection<WebOrigin> trustedOrigins) {
        this.trustedOrigins = Set.copyOf(trustedOrigins);
    }

    /**
     * @param secFetchSite the {@code Sec-Fetch-Site} header, or {@code null}
     * @param origin       the {@code Origin} header, or {@code null}
     * @param referer      the {@code Referer} header, or {@code null}
     * @param siteOrigins  this site's own origins, from {@code OriginResolver}
     * @throws CsrfRejectedException {@link CsrfRejection#CROSS_SITE} when the request comes from elsewhere
     */
    public void check(String secFetchSite, String origin, String referer, List<WebOrigin> siteOrigins)
            throws CsrfRejectedException {
        if (secFetchSite != null) {
            String site = secFetchSite.trim().toLowerCase(Locale.ROOT);
            if (site.equals("cross-site")) {
                throw new CsrfRejectedException(CsrfRejection.CROSS_SITE, "Sec-Fetch-Site: cross-site");
            }
            if (site.equals("same-origin")) {
                return;
            }
        }
        if (origin != null && !origin.isEmpty()) {
            requireKnown(WebOrigin.ofHeader(origin), "Origin", siteOrigins);
        } else if (referer != null && !referer.isEmpty()) {
            requireKnown(WebOrigin.ofUrl(referer), "Referer", siteOrigins);
        }
    }

    private void requireKnown(Optional<WebOrigin> presented, String header, List<WebOrigin> siteOrigins)
            throws CsrfRejectedException {
        if (presented.isEmpty()) {
            throw new CsrfRejectedException(CsrfRejection.CROSS_SITE, header + " is opaque or malformed");
        }
        WebOrigin o = presented.get();
        if (!siteOrigins.contains(o) && !trustedOrigins.contains(o)) {
            // The origin is not secret and helps operators spot a missing public-origins setting.
            throw new CsrfRejectedException(CsrfRejection.CROSS_SITE, header + " " + LogSafe.printable(o.toString(), 100)
                    + " is neither this site " + siteOrigins + " nor trusted");
        }
    }
}
