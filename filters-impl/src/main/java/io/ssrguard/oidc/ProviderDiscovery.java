package io.ssrguard.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.ssrguard.config.SsrGuardProperties;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Loads the provider's discovery document and JWKS, and keeps them fresh in
 * the background.
 *
 * <p>Choice: a provider that cannot be reached at start does not stop the
 * deployment. The application, its password sign-in and its public pages do
 * not depend on the provider, and providers restart too; so the first load
 * runs on the background scheduler, a failure is logged and retried with
 * back-off (5 s doubling up to the refresh interval), and until a load
 * succeeds the sign-in endpoint answers 503. A document that announces another
 * issuer than the configured one is not retried: that is a setting to fix, and
 * it is reported once, SEVERE, with both values. Misconfiguration that can be
 * seen without the network (a malformed issuer, a missing client id) still
 * fails the deployment, in {@link OidcSettings}.
 *
 * <p>Between scheduled loads, an ID token signed with a key the cached JWKS
 * lacks (the provider rotated its keys) triggers one JWKS reload, at most once
 * per {@link #KEY_RELOAD_SPACING}, so a flood of forged tokens with random key
 * ids cannot turn the pack into a load generator against the provider.
 */
public final class ProviderDiscovery implements ProviderSource {

    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration KEY_RELOAD_SPACING = Duration.ofSeconds(30);
    /** Largest JWKS accepted; real ones are a few KB. */
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;
    private static final Logger LOG = Logger.getLogger(ProviderDiscovery.class.getName());

    private final Issuer issuer;
    private final int connectMillis;
    private final int readMillis;
    private final Duration refreshInterval;
    private final Clock clock;
    private final AtomicReference<DiscoveredProvider> current = new AtomicReference<>();
    private final Object keyReloadLock = new Object();
    private volatile Instant lastKeyReload = Instant.MIN;
    private volatile ScheduledExecutorService scheduler;
    private int failures;

    public ProviderDiscovery(OidcSettings settings, Clock clock) {
        this.issuer = new Issuer(settings.issuer().toString());
        this.connectMillis = Math.toIntExact(settings.connectTimeout().toMillis());
        this.readMillis = Math.toIntExact(settings.readTimeout().toMillis());
        this.refreshInterval = settings.refreshInterval();
        this.clock = clock;
    }

    /** Schedules the first load now, and every later one from there. */
    public void start(ScheduledExecutorService background) {
        this.scheduler = background;
        schedule(Duration.ZERO);
    }

    @Override
    public Optional<DiscoveredProvider> current() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Reloads the JWKS because a token names a key the cache lacks; at most once per
     * {@link #KEY_RELOAD_SPACING}. Blocks the calling sign-in for one HTTP round trip.
     *
     * @return the provider with the keys now known (reloaded or not)
     */
    @Override
    public Optional<DiscoveredProvider> reloadKeys() {
        synchronized (keyReloadLock) {
            DiscoveredProvider known = current.get();
            Instant now = clock.instant();
            if (known == null || now.isBefore(lastKeyReload.plus(KEY_RELOAD_SPACING))) {
                return Optional.ofNullable(known);
            }
            lastKeyReload = now;
            try {
                JWKSet keys = JWKSet.load(known.metadata().getJWKSetURI().toURL(), connectMillis, readMillis,
                        JWKS_SIZE_LIMIT);
                DiscoveredProvider fresh = known.withKeys(keys, now);
                current.set(fresh);
                LOG.info(() -> "SSR Guard OIDC: reloaded the provider's keys for an unknown key id: "
                        + keys.getKeys().size() + " key(s)");
                return Optional.of(fresh);
            } catch (IOException | ParseException e) {
                LOG.warning("SSR Guard OIDC: reloading the provider's keys failed: " + e.getMessage());
                return Optional.of(known);
            }
        }
    }

    /** Loads discovery and keys once, now; public for tests and for a first load on the caller's thread. */
    public DiscoveredProvider load() throws IOException, GeneralException, ParseException {
        OIDCProviderMetadata metadata = discover();
        requireEndpoint("authorization_endpoint", metadata.getAuthorizationEndpointURI());
        requireEndpoint("token_endpoint", metadata.getTokenEndpointURI());
        requireEndpoint("jwks_uri", metadata.getJWKSetURI());
        JWKSet keys = JWKSet.load(metadata.getJWKSetURI().toURL(), connectMillis, readMillis, JWKS_SIZE_LIMIT);
        DiscoveredProvider loaded = new DiscoveredProvider(metadata, keys, clock.instant());
        current.set(loaded);
        return loaded;
    }

    /**
     * Reads the discovery document and requires its {@code issuer} to equal the configured one character
     * for character, as OpenID Connect Discovery (4.3) demands: no normalising of a trailing slash, since
     * every ID token's {@code iss} is compared the same way.
     */
    private OIDCProviderMetadata discover() throws IOException, GeneralException {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, OIDCProviderMetadata.resolveURL(issuer));
        request.setConnectTimeout(connectMillis);
        request.setReadTimeout(readMillis);
        HTTPResponse response = request.send();
        if (response.getStatusCode() != 200) {
            throw new IOException("the discovery document answered HTTP " + response.getStatusCode());
        }
        OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(response.getContentAsJSONObject());
        String announced = metadata.getIssuer().getValue();
        if (!announced.equals(issuer.getValue())) {
            throw new IssuerMismatchException(issuer.getValue(), announced);
        }
        return metadata;
    }

    /** The provider announces another issuer than the one configured: a setting to fix, not an outage. */
    static final class IssuerMismatchException extends GeneralException {
        private static final long serialVersionUID = 1L;

        IssuerMismatchException(String configured, String announced) {
            super(SsrGuardProperties.OIDC_ISSUER + " is '" + configured + "' but the provider's discovery document "
                    + "announces the issuer '" + announced + "'; OpenID Connect requires them to be identical, "
                    + "trailing slash included. Set " + SsrGuardProperties.OIDC_ISSUER + "=" + announced
                    + " exactly as the provider announces it and redeploy");
        }
    }

    /** An endpoint must exist and, for an https issuer, be https too: the token endpoint receives the secret. */
    private void requireEndpoint(String name, URI uri) throws GeneralException {
        if (uri == null) {
            throw new GeneralException("the discovery document has no " + name);
        }
        String issuerScheme = issuer.getValue().substring(0, issuer.getValue().indexOf(':')).toLowerCase(Locale.ROOT);
        if (issuerScheme.equals("https") && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new GeneralException("the discovery document's " + name + " is not https: " + uri);
        }
    }

    private void loadAndReschedule() {
        try {
            boolean first = current.get() == null;
            DiscoveredProvider loaded = load();
            // The first load and a recovery are news; an hourly refresh is not.
            LOG.log(first || failures > 0 ? java.util.logging.Level.INFO : java.util.logging.Level.FINE,
                    () -> "SSR Guard OIDC: provider " + issuer + " loaded: " + loaded.keys().getKeys().size()
                            + " key(s), end_session_endpoint " + (loaded.endSessionEndpoint().isPresent()
                            ? "present" : "absent"));
            failures = 0;
            schedule(refreshInterval);
        } catch (IssuerMismatchException e) {
            // Retrying cannot help: the setting is read once at start. Said once, loudly, with the fix.
            LOG.severe("SSR Guard OIDC: " + e.getMessage() + ". " + (current.get() != null
                    ? "The last good configuration stays in use" : "Until then sign-in through the provider answers 503")
                    + "; discovery is not retried.");
        } catch (IOException | GeneralException | ParseException | RuntimeException e) {
            Duration retry = retryDelay(failures++);
            boolean loadedBefore = current.get() != null;
            LOG.warning("SSR Guard OIDC: loading the provider " + issuer + " failed (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); " + (loadedBefore ? "keeping the last good configuration"
                    : "sign-in answers 503 until it loads") + ", retry in " + retry.toSeconds() + " s");
            schedule(retry);
        }
    }

    /** 5 s, 10 s, 20 s … capped at the refresh interval. */
    Duration retryDelay(int failuresSoFar) {
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(failuresSoFar, 16));
        return d.compareTo(refreshInterval) > 0 ? refreshInterval : d;
    }

    private void schedule(Duration delay) {
        ScheduledExecutorService s = scheduler;
        if (s == null || s.isShutdown()) {
            return;
        }
        try {
            s.schedule(this::loadAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The application is stopping.
        }
    }
}
