package io.ssrguard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.MapSettings;
import io.ssrguard.config.SettingsException;
import io.ssrguard.config.SsrGuardProperties;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OriginResolverTest {

    static final String PROXY = "10.0.0.5";
    static final String CLIENT = "198.51.100.23";

    final OriginResolver behindProxy = OriginResolver.load(MapSettings.profile("prod")
            .with(SsrGuardProperties.PROXY_TRUSTED, "10.0.0.0/8, fd00::/8").reader());

    static List<String> resolve(OriginResolver r, String peer, Map<String, String> headers) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        return r.resolve(peer, "http", "backend", 8080, h::get).stream().map(WebOrigin::toString).toList();
    }

    @Test
    void withoutConfigurationTheRequestsOwnOriginCounts() {
        OriginResolver plain = OriginResolver.load(MapSettings.profile("prod").reader());
        assertEquals(List.of("http://backend:8080"), resolve(plain, PROXY, Map.of("X-Forwarded-Host", "evil.example")));
    }

    @Test
    void trustedProxysForwardedHostAndProtoCount() {
        assertEquals(List.of("https://shop.example.com"), resolve(behindProxy, PROXY,
                Map.of("X-Forwarded-Host", "shop.example.com", "X-Forwarded-Proto", "https")));
        assertEquals(List.of("https://shop.example.com:8443"), resolve(behindProxy, PROXY,
                Map.of("X-Forwarded-Host", "shop.example.com:8443", "X-Forwarded-Proto", "https")));
        assertEquals(List.of("https://shop.example.com:8443"), resolve(behindProxy, PROXY,
                Map.of("X-Forwarded-Host", "shop.example.com", "X-Forwarded-Proto", "https", "X-Forwarded-Port", "8443")));
        assertEquals(List.of("https://backend"), resolve(behindProxy, "fd00::7", Map.of("X-Forwarded-Proto", "https")),
                "proto alone: own host, default port of the forwarded scheme");
    }

    @Test
    void untrustedPeersForwardedHeadersAreIgnored() {
        assertEquals(List.of("http://backend:8080"), resolve(behindProxy, CLIENT,
                Map.of("X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https")));
        assertEquals(List.of("http://backend:8080"), resolve(behindProxy, CLIENT,
                Map.of("Forwarded", "host=evil.example;proto=https")));
    }

    @Test
    void rfc7239ForwardedWinsAndItsRightMostElementCounts() {
        assertEquals(List.of("https://shop.example.com"), resolve(behindProxy, PROXY, Map.of(
                "Forwarded", "for=1.2.3.4;host=evil.example;proto=http, for=198.51.100.23;host=\"shop.example.com\";proto=https",
                "X-Forwarded-Host", "other.example")));
    }

    @Test
    void rightMostForwardedHostCountsBecauseEarlierOnesComeFromTheClient() {
        assertEquals(List.of("https://shop.example.com"), resolve(behindProxy, PROXY,
                Map.of("X-Forwarded-Host", "evil.example, shop.example.com", "X-Forwarded-Proto", "http, https")));
    }

    @Test
    void malformedForwardedValuesFallBackToTheRequestsOwn() {
        assertEquals(List.of("http://backend:8080"), resolve(behindProxy, PROXY,
                Map.of("X-Forwarded-Host", "evil.example/path", "X-Forwarded-Proto", "https")));
        assertEquals(List.of("http://backend:8080"), resolve(behindProxy, PROXY, Map.of("X-Forwarded-Proto", "gopher")));
    }

    @Test
    void publicOriginsWinOverEverything() {
        OriginResolver configured = OriginResolver.load(MapSettings.profile("prod")
                .with(SsrGuardProperties.PUBLIC_ORIGINS, "https://shop.example.com, https://www.shop.example.com/")
                .with(SsrGuardProperties.PROXY_TRUSTED, "10.0.0.0/8").reader());
        assertEquals(List.of("https://shop.example.com", "https://www.shop.example.com"),
                resolve(configured, PROXY, Map.of("X-Forwarded-Host", "evil.example")));
        assertEquals(List.of("https://shop.example.com", "https://www.shop.example.com"),
                resolve(configured, CLIENT, Map.of()));
    }

    @Test
    void servletRequestAdapterReadsTheSameParts() {
        FakeHttp.Request r = new FakeHttp.Request();
        r.remoteAddr = PROXY;
        r.scheme = "http";
        r.serverName = "backend";
        r.serverPort = 8080;
        r.header("x-forwarded-host", "shop.example.com").header("X-Forwarded-Proto", "https");
        assertEquals(List.of(WebOrigin.parse("https://shop.example.com").orElseThrow()), behindProxy.origins(r.build()));
    }

    @Test
    void httpsIsWhatTheBrowserSeesNotWhatTheContainerReceived() {
        FakeHttp.Request direct = new FakeHttp.Request();
        assertTrue(behindProxy.servedOverHttps(direct.build()));
        direct.scheme = "http";
        direct.serverPort = 8080;
        assertFalse(behindProxy.servedOverHttps(direct.build()));

        FakeHttp.Request proxied = new FakeHttp.Request();
        proxied.remoteAddr = PROXY;
        proxied.scheme = "http";
        proxied.serverName = "backend";
        proxied.serverPort = 8080;
        proxied.header("X-Forwarded-Proto", "https");
        assertTrue(behindProxy.servedOverHttps(proxied.build()), "a trusted proxy terminated TLS");
        proxied.remoteAddr = CLIENT;
        assertFalse(behindProxy.servedOverHttps(proxied.build()), "anyone can write X-Forwarded-Proto");

        OriginResolver configured = OriginResolver.load(MapSettings.profile("prod")
                .with(SsrGuardProperties.PUBLIC_ORIGINS, "https://shop.example.com").reader());
        assertTrue(configured.servedOverHttps(direct.build()));
    }

    @Test
    void badSettingsFailNamingTheProperty() {
        SettingsException origins = assertThrows(SettingsException.class, () -> OriginResolver.load(
                MapSettings.profile("prod").with(SsrGuardProperties.PUBLIC_ORIGINS, "shop.example.com").reader()));
        assertTrue(origins.getMessage().contains(SsrGuardProperties.PUBLIC_ORIGINS), origins.getMessage());
        SettingsException proxies = assertThrows(SettingsException.class, () -> OriginResolver.load(
                MapSettings.profile("prod").with(SsrGuardProperties.PROXY_TRUSTED, "proxy.internal").reader()));
        assertTrue(proxies.getMessage().contains(SsrGuardProperties.PROXY_TRUSTED), proxies.getMessage());
    }

    static String client(OriginResolver r, String peer, Map<String, String> headers) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        return r.clientAddress(peer, h::get);
    }

    @Test
    void theClientAddressIsThePeersUnlessTheProxyIsTrusted() {
        assertEquals(CLIENT, client(behindProxy, CLIENT, Map.of("X-Forwarded-For", "203.0.113.9")),
                "an untrusted peer's claim is ignored");
        assertEquals(CLIENT, client(behindProxy, PROXY, Map.of("X-Forwarded-For", CLIENT)));
        assertEquals(PROXY, client(behindProxy, PROXY, Map.of()), "a trusted peer that forwards nothing");
    }

    @Test
    void theRightMostUntrustedHopIsTheClientWhateverItClaimedBefore() {
        assertEquals(CLIENT, client(behindProxy, PROXY,
                Map.of("X-Forwarded-For", "203.0.113.9, " + CLIENT + ", 10.1.2.3")),
                "the client's own claim (left) is skipped, the inner proxy (right) too");
        assertEquals("203.0.113.9", client(behindProxy, PROXY, Map.of("X-Forwarded-For", "203.0.113.9:4711, 10.1.2.3")),
                "ports dropped");
        assertEquals("2001:db8::7", client(behindProxy, PROXY,
                Map.of("Forwarded", "for=198.51.100.1, for=\"[2001:db8::7]:4711\";proto=https")),
                "Forwarded wins over X-Forwarded-For, IPv6 unbracketed");
        assertEquals("10.0.0.1", client(behindProxy, PROXY, Map.of("X-Forwarded-For", "10.0.0.1, 10.0.0.2")),
                "all hops trusted: the left-most");
        assertEquals("unknown", client(behindProxy, PROXY, Map.of("Forwarded", "for=unknown")));
    }
}
