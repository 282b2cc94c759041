package io.ssrguard.it.tomcat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.jboss.arquillian.container.spi.event.container.AfterStart;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Gives the embedded Tomcat what a production Tomcat serving browsers has: a TLS connector
 * with HTTP/2 ({@code <UpgradeProtocol className="org.apache.coyote.http2.Http2Protocol"/>}
 * in {@code server.xml}), on the port the system property {@code it.httpsPort} names, with a
 * self-signed certificate that {@code keytool} makes for the run. {@code Http2Tests} speaks
 * HTTP/2 to it. Both connectors get the body read timeout docs/operations.md advises
 * ({@code disableUploadTimeout="false" connectionUploadTimeout="5000"}), so that a client that
 * stops sending a form is ended in seconds, not after the 60 s connection timeout. The Arquillian
 * adapter keeps its {@code Tomcat} private, hence the reflection.
 */
public class Http2Connector implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Http2Connector.class);
    }

    public void addTlsWithHttp2(@Observes AfterStart event) throws Exception {
        Field field = event.getDeployableContainer().getClass().getDeclaredField("tomcat");
        field.setAccessible(true);
        Tomcat tomcat = (Tomcat) field.get(event.getDeployableContainer());

        Connector https = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        https.setPort(Integer.parseInt(System.getProperty("it.httpsPort")));
        https.setProperty("address", "127.0.0.1");
        https.setScheme("https");
        https.setSecure(true);
        https.setProperty("SSLEnabled", "true");
        SSLHostConfig tls = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(tls, SSLHostConfigCertificate.Type.EC);
        certificate.setCertificateKeystoreFile(keystore().toAbsolutePath().toString());
        certificate.setCertificateKeystorePassword(PASSWORD);
        certificate.setCertificateKeystoreType("PKCS12");
        tls.addCertificate(certificate);
        https.addSslHostConfig(tls);
        https.addUpgradeProtocol(new Http2Protocol());
        uploadTimeout(https);
        uploadTimeout(tomcat.getConnector());
        tomcat.getService().addConnector(https);
    }

    private static void uploadTimeout(Connector connector) {
        connector.setProperty("disableUploadTimeout", "false");
        connector.setProperty("connectionUploadTimeout", "5000");
    }

    private static final String PASSWORD = "it-tls-test";

    /** A fresh self-signed EC certificate for 127.0.0.1 and localhost, made by the JDK's keytool. */
    private static Path keystore() throws IOException, InterruptedException {
        Path keystore = Path.of(System.getProperty("tomcat.home", "target/tomcat"), "it-tls.p12");
        if (Files.exists(keystore)) {
            return keystore;
        }
        Files.createDirectories(keystore.getParent());
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-alias", "tomcat", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool could not make the test certificate: " + output);
        }
        return keystore;
    }
}
