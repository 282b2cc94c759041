package io.ssrguard.config;

import jakarta.servlet.ServletContext;
import java.util.Optional;
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

    /** No settings at all: every property takes its default. */
    private static final Settings NONE = new Settings() {
        @Override
        public Optional<String> value(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<String> profile() {
            return Optional.empty();
        }
    };

    private SettingsSources() {
    }

    /**
     * The application's settings, after refusing every name in the pack's namespace
     * that it does not read (see {@link SettingNames}).
     *
     * @throws SettingsException naming every unknown setting
     */
    public static SettingsReader forContext(ServletContext context) {
        Settings webXml = ServletContextSettings.of(context);
        Optional<Settings> mp = microProfile(context.getClassLoader());
        if (mp.isEmpty()) {
            LOG.info("SSR Guard: no MicroProfile Config implementation here; reading settings from web.xml parameters");
        }
        Settings settings = mp.<Settings>map(m -> new LayeredSettings(m, webXml)).orElse(webXml);
        SettingNames.ofPack().requireKnown(settings.names());
        return new SettingsReader(settings);
    }

    /**
     * The configuration that can be read before the servlet context exists (at CDI
     * bootstrap): MicroProfile Config alone, since {@code web.xml} is not readable yet;
     * no settings at all without it. Values are parsed as strictly as at start.
     */
    public static SettingsReader beforeServletContext(ClassLoader loader) {
        return new SettingsReader(microProfile(loader).orElse(NONE));
    }

    private static Optional<Settings> microProfile(ClassLoader loader) {
        return isPresent(CONFIG_API, loader) ? MicroProfileSettings.of(loader) : Optional.empty();
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
