package io.ssrguard.it;

import io.ssrguard.it.jaxrs.CallerApplication;
import io.ssrguard.it.jaxrs.CallerResource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The sample WAR exactly as Maven built it, plus one extra jar holding a
 * {@code META-INF/microprofile-config.properties} with a high ordinal: the
 * settings a test needs (profile, keys) layered over the sample's own, the way
 * an operator's environment would.
 */
public final class SampleDeployment {

    /** The internal-endpoint secret every test deployment is configured with. */
    public static final String GUARD_SECRET = "it-internal-secret-0123456789abcdef";

    private SampleDeployment() {
    }

    /**
     * What every test deployment needs in the {@code test} profile, where every
     * feature is on: the profile itself, the signing key, the guard secret and the CSRF key.
     * Returns a fresh mutable map, so a test can change or add settings.
     */
    public static Map<String, String> testSettings() {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("mp.config.profile", "test");
        settings.put("ssrguard.keys.jwks", TestKeys.deploymentJwks());
        settings.put("ssrguard.guard.secrets", GUARD_SECRET);
        settings.put("ssrguard.csrf.keys", TestKeys.CSRF_KEY);
        return settings;
    }

    /** {@link #testSettings()} with some settings changed or added. */
    public static Map<String, String> testSettings(Map<String, String> changes) {
        Map<String, String> settings = testSettings();
        settings.putAll(changes);
        return settings;
    }

    /** The built sample with the given settings, as {@code archiveName}; see {@link #withSettings(String, Map)}. */
    public static WebArchive testDeployment(String archiveName, Map<String, String> changes) {
        return withSettings(archiveName, testSettings(changes));
    }

    /** The built sample WAR file this container runs (the Tomcat flavour on Tomcat). */
    public static File builtWar() {
        File war = new File(System.getProperty("it.sampleWar", "../war-sample/target/ssrguard-sample.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("build war-sample first: " + war.getAbsolutePath() + " is missing");
        }
        return war;
    }

    /**
     * The built sample under the given archive name: {@code ROOT.war} deploys at
     * the root context (cookies get {@code __Host-}), any other name under its
     * own context path (cookies get {@code __Secure-}).
     */
    public static WebArchive withSettings(String archiveName, Map<String, String> settings) {
        File war = builtWar();
        String properties = "config_ordinal=500\n" + settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n"));
        JavaArchive overlay = ShrinkWrap.create(JavaArchive.class, "ssrguard-test-settings.jar")
                .addAsManifestResource(new StringAsset(properties), "microprofile-config.properties");
        return ShrinkWrap.create(WebArchive.class, archiveName)
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, war))
                .addAsLibrary(overlay);
    }

    /**
     * The built sample in filter mode ({@code ssrguard.auth.adapter=filter}) as {@code archiveName}: with the
     * Tomcat WAR's {@code web.xml}, which declares {@code AuthFilter} and keeps the access rules in
     * {@code ssrguard.auth.constraints} instead of {@code <security-constraint>}s, built beside the sample.
     */
    public static WebArchive inFilterMode(String archiveName) {
        File tomcatWar = new File(builtWar().getParentFile(), "ssrguard-sample-tomcat.war");
        if (!tomcatWar.isFile()) {
            throw new IllegalStateException("build war-sample first: " + tomcatWar.getAbsolutePath() + " is missing");
        }
        WebArchive war = testDeployment(archiveName, Map.of("ssrguard.auth.adapter", "filter"));
        String filterWebXml = webXml(ShrinkWrap.createFromZipFile(WebArchive.class, tomcatWar));
        war.delete("WEB-INF/web.xml");
        return war.setWebXML(new StringAsset(filterWebXml));
    }

    /**
     * {@link #inFilterMode} with a JAX-RS application of the application's own ({@link CallerApplication}:
     * {@code @Context SecurityContext} and {@code @RolesAllowed}), role checks switched on for RESTEasy by its
     * context-param and for Jersey by the application's properties.
     */
    public static WebArchive inFilterModeWithJaxRs(String archiveName) {
        return withContextParam(inFilterMode(archiveName).addClasses(CallerApplication.class, CallerResource.class),
                "resteasy.role.based.security", "true");
    }

    /**
     * The archive with {@code <absolute-ordering/>} in its {@code web.xml}, a common
     * start-up optimisation that leaves every jar's initializer out, the pack's too.
     */
    public static WebArchive withAbsoluteOrdering(WebArchive war) {
        return firstInWebApp(war, "<absolute-ordering/>");
    }

    /**
     * The archive with an {@code <absolute-ordering>} that names the pack's web fragment
     * ({@code ssrguard}) and no {@code <others/>}: the pack's initializer and its error pages are in.
     */
    public static WebArchive withAbsoluteOrderingNamingThePack(WebArchive war) {
        return firstInWebApp(war, "<absolute-ordering><name>ssrguard</name></absolute-ordering>");
    }

    /** The archive with a {@code <context-param>} added to its {@code web.xml}. */
    public static WebArchive withContextParam(WebArchive war, String name, String value) {
        return firstInWebApp(war, "<context-param><param-name>" + name + "</param-name><param-value>" + value
                + "</param-value></context-param>");
    }

    /** The archive with {@code element} added first inside {@code <web-app>} of its {@code web.xml}. */
    private static WebArchive firstInWebApp(WebArchive war, String element) {
        String webXml = webXml(war);
        String ordered = webXml.replaceFirst("(<web-app[^>]*>)", "$1\n  " + element);
        if (ordered.equals(webXml)) {
            throw new IllegalStateException("no <web-app> element in the sample's web.xml");
        }
        war.delete("WEB-INF/web.xml");
        return war.setWebXML(new StringAsset(ordered));
    }

    private static String webXml(WebArchive war) {
        try (InputStream in = war.get("WEB-INF/web.xml").getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
