package io.ssrguard.config;

import jakarta.servlet.ServletContext;
import java.util.logging.Logger;

/**
 * Chooses where the pack's settings come from: MicroProfile Config when the
 * application has it (Payara, WildFly, or a WAR that bundles SmallRye Config),
 * layered over the {@code web.xml} parameters of the pack's filters and the
 * context; the {@code web.xml} parameters alone otherwise.
 */
public final class SettingsSources {

    private static final Logger LOG = Logger.getLogger(SettingsSources.class.getName());
    private static final String CONFIG_API = "org.eclipse.microprofile.config.ConfigProvider";

    private SettingsSources() {
    }

    public static SettingsReader forContext(ServletContext context) {
        Settings webXml = ServletContextSettings.of(context);
        if (isPresent(CONFIG_API, context.getClassLoader())) {
            java.util.Optional<Settings> mp = MicroProfileSettings.of(context.getClassLoader());
            if (mp.isPresent()) {
                return new SettingsReader(new LayeredSettings(mp.get(), webXml));
            }
        }
        LOG.info("SSR Guard: no MicroProfile Config implementation here; reading settings from web.xml parameters");
        return new SettingsReader(webXml);
    }

    /** Whether a class can be loaded, without initialising it. */
    public static boolean isPresent(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
