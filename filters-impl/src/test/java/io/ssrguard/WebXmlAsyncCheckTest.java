package io.ssrguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebXmlAsyncCheckTest {

    static List<WebXmlAsyncCheck.SyncFilter> check(String xml) throws IOException {
        return WebXmlAsyncCheck.filtersWithoutAsync(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String webXml(String filters) {
        return "<?xml version=\"1.0\"?><web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                + filters + "</web-app>";
    }

    @Test
    void namesEachPackFilterWithoutAsyncSupport() throws IOException {
        List<WebXmlAsyncCheck.SyncFilter> found = check(webXml("""
                <filter><filter-name>ssrguard-headers</filter-name>
                  <filter-class>io.ssrguard.headers.HeadersFilter</filter-class></filter>
                <filter><filter-name>ssrguard-csp</filter-name>
                  <filter-class> io.ssrguard.csp.ContentSecurityPolicyFilter </filter-class>
                  <async-supported> true </async-supported></filter>
                <filter><filter-name>ssrguard-gate</filter-name>
                  <filter-class>io.ssrguard.gate.GateFilter</filter-class>
                  <async-supported>false</async-supported></filter>
                <filter><filter-name>app-own</filter-name>
                  <filter-class>com.example.LoggingFilter</filter-class></filter>
                """));
        assertEquals(List.of(new WebXmlAsyncCheck.SyncFilter("ssrguard-headers", "io.ssrguard.headers.HeadersFilter"),
                new WebXmlAsyncCheck.SyncFilter("ssrguard-gate", "io.ssrguard.gate.GateFilter")), found,
                "the application's own filters are its business");
    }

    @Test
    void readsAPrefixedOrDtdDeclaredWebXmlWithoutFetchingAnything() throws IOException {
        assertEquals(1, check("<?xml version=\"1.0\"?><j:web-app xmlns:j=\"https://jakarta.ee/xml/ns/jakartaee\">"
                + "<j:filter><j:filter-name>g</j:filter-name><j:filter-class>io.ssrguard.guard.GuardFilter</j:filter-class>"
                + "</j:filter></j:web-app>").size());
        assertEquals(1, check("<?xml version=\"1.0\"?><!DOCTYPE web-app PUBLIC \"-//Sun Microsystems, Inc.//DTD Web"
                + " Application 2.3//EN\" \"http://203.0.113.1/web-app_2_3.dtd\"><web-app><filter><filter-name>c</filter-name>"
                + "<filter-class>io.ssrguard.csrf.CsrfFilter</filter-class></filter></web-app>").size());
        assertThrows(IOException.class, () -> check("<web-app><filter>"));
    }

    @Test
    void theSamplesWebXmlFilesDeclareEveryPackFilterAsync() throws IOException {
        for (String file : new String[] {"../war-sample/src/main/webapp/WEB-INF/web.xml", "../war-sample/src/main/tomcat/web.xml"}) {
            Path path = Path.of(file);
            assertTrue(Files.isRegularFile(path), path.toAbsolutePath().toString());
            try (InputStream in = Files.newInputStream(path)) {
                assertEquals(List.of(), WebXmlAsyncCheck.filtersWithoutAsync(in), file);
            }
        }
    }
}
