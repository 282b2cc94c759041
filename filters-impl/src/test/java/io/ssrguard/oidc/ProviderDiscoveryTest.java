package io.ssrguard.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import io.ssrguard.config.MapSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import io.ssrguard.testing.LoggedRecords;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery against a real HTTP server that announces its issuer without the configured trailing slash. */
class ProviderDiscoveryTest {

    final HttpServer server;
    final String base;
    final AtomicInteger discoveries = new AtomicInteger();

    ProviderDiscoveryTest() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://localhost:" + server.getAddress().getPort();
        String jwks = new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("k").generate().toPublicJWK()).toString();
        String document = """
                {"issuer":"%1$s/realms/shop","authorization_endpoint":"%1$s/auth","token_endpoint":"%1$s/token",
                 "jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["ES256"]}""".formatted(base);
        server.createContext("/realms/shop/.well-known/openid-configuration", exchange -> {
            discoveries.incrementAndGet();
            respond(exchange, document);
        });
        server.createContext("/jwks", exchange -> respond(exchange, jwks));
        server.start();
    }

    static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    ProviderDiscovery discovery(String issuer) {
        return new ProviderDiscovery(OidcSettings.loadOn(MapSettings.profile("prod")
                .with("ssrguard.oidc.enabled", "true")
                .with("ssrguard.oidc.issuer", issuer)
                .with("ssrguard.oidc.client-id", "shop")
                .with("ssrguard.oidc.client-secret", "s3cret").reader()), Clock.systemUTC());
    }

    @Test
    void issuerAsAnnouncedLoads() throws Exception {
        DiscoveredProvider provider = discovery(base + "/realms/shop").load();
        assertEquals(base + "/realms/shop", provider.metadata().getIssuer().getValue());
    }

    @Test
    void trailingSlashIsAMismatchReportedOnceSevereWithBothValuesAndNotRetried() throws Exception {
        ProviderDiscovery discovery = discovery(base + "/realms/shop/");
        ProviderDiscovery.IssuerMismatchException e =
                assertThrows(ProviderDiscovery.IssuerMismatchException.class, discovery::load);
        assertTrue(e.getMessage().contains("'" + base + "/realms/shop/'"), e.getMessage());
        assertTrue(e.getMessage().contains("ssrguard.oidc.issuer=" + base + "/realms/shop "), e.getMessage());

        LoggedRecords log = LoggedRecords.of(ProviderDiscovery.class);
        ScheduledThreadPoolExecutor background = new ScheduledThreadPoolExecutor(1);
        try {
            int before = discoveries.get();
            discovery.start(background);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (log.records().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // The attempt has ended (it logged); a retry would be in the queue by now.
            Thread.sleep(100);
            assertTrue(background.getQueue().isEmpty(), "no retry scheduled");
            assertEquals(before + 1, discoveries.get(), "tried once");
        } finally {
            log.close();
            background.shutdownNow();
        }
        List<LogRecord> records = log.records();
        assertEquals(1, records.size(), records.toString());
        assertEquals(Level.SEVERE, records.get(0).getLevel());
        assertTrue(records.get(0).getMessage().contains(base + "/realms/shop/")
                && records.get(0).getMessage().contains("announces the issuer '" + base + "/realms/shop'"));
        assertTrue(discovery.current().isEmpty());
    }
}
