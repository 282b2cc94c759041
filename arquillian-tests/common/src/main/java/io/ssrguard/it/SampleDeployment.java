package io.ssrguard.it;

import java.io.File;
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
final class SampleDeployment {

    private SampleDeployment() {
    }

    /**
     * The built sample under the given archive name: {@code ROOT.war} deploys at
     * the root context (cookies get {@code __Host-}), any other name under its
     * own context path (cookies get {@code __Secure-}).
     */
    static WebArchive withSettings(String archiveName, Map<String, String> settings) {
        File war = new File(System.getProperty("ssrguard.sampleWar", "../war-sample/target/ssrguard-sample.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("build war-sample first: " + war.getAbsolutePath() + " is missing");
        }
        String properties = "config_ordinal=500\n" + settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n"));
        JavaArchive overlay = ShrinkWrap.create(JavaArchive.class, "ssrguard-test-settings.jar")
                .addAsManifestResource(new StringAsset(properties), "microprofile-config.properties");
        return ShrinkWrap.create(WebArchive.class, archiveName)
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, war))
                .addAsLibrary(overlay);
    }
}
