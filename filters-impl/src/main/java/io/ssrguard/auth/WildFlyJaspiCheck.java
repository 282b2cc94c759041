package io.ssrguard.auth;

import io.ssrguard.config.SettingsException;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The one WildFly setting the pack's mechanism needs, checked at start. With
 * Elytron's integrated JASPI on (WildFly's default), the identity that
 * {@code notifyContainerAboutLogin} creates must also exist in the security
 * domain, so every request the pack signs in fails with {@code ELY01177} (a 500
 * with a stack trace) and no log line names the setting. WildFly publishes its
 * management model as MBeans ({@code jboss.as:...}, the {@code jmx} subsystem's
 * resolved model, on by default), which the check reads; elsewhere, or where the
 * model is not exposed, there is nothing to read and nothing is checked.
 */
public final class WildFlyJaspiCheck {

    private static final Logger LOG = Logger.getLogger(WildFlyJaspiCheck.class.getName());
    private static final String DOMAIN = "jboss.as";
    private static final Pattern SECURITY_DOMAIN = Pattern.compile("<security-domain>\\s*([^<\\s]+)\\s*</security-domain>");

    private WildFlyJaspiCheck() {
    }

    /** Fails the deployment when the application's security domain has integrated JASPI on. */
    public static void require(ServletContext context) {
        require(ManagementFactory.getPlatformMBeanServer(), declaredDomain(context));
    }

    static void require(MBeanServer server, Optional<String> declaredDomain) {
        Optional<String> domain = applicationSecurityDomain(server, declaredDomain);
        if (domain.isEmpty()) {
            return;
        }
        Optional<Boolean> integrated = integratedJaspi(server, domain.get());
        if (integrated.orElse(false)) {
            throw new SettingsException("WildFly's application-security-domain '" + domain.get()
                    + "' has integrated-jaspi=true, so every request the pack signs in would fail with ELY01177"
                    + " (a 500). Switch it off once with jboss-cli and reload: " + cliLine(domain.get())
                    + " (docs/operations.md, WildFly)");
        }
        integrated.ifPresent(v -> LOG.fine(() -> "WildFly application-security-domain '" + domain.get()
                + "' has integrated-jaspi=false, as the pack's mechanism needs"));
    }

    static String cliLine(String domain) {
        return "/subsystem=undertow/application-security-domain=" + domain
                + ":write-attribute(name=integrated-jaspi,value=false)";
    }

    /** The domain from {@code jboss-web.xml}, else Undertow's default, when this is WildFly. */
    private static Optional<String> applicationSecurityDomain(MBeanServer server, Optional<String> declared) {
        ObjectName undertow = name("subsystem", "undertow", null, null);
        if (!server.isRegistered(undertow)) {
            return Optional.empty();
        }
        if (declared.isPresent()) {
            return declared;
        }
        try {
            return Optional.of(String.valueOf(server.getAttribute(undertow, "defaultSecurityDomain")));
        } catch (JMException | RuntimeException e) {
            return Optional.of("other");
        }
    }

    private static Optional<Boolean> integratedJaspi(MBeanServer server, String domain) {
        ObjectName mapping = name("subsystem", "undertow", "application-security-domain", domain);
        if (!server.isRegistered(mapping)) {
            // No Elytron mapping for the domain: integrated JASPI does not apply.
            return Optional.empty();
        }
        try {
            Object value = server.getAttribute(mapping, "integratedJaspi");
            return Optional.of(Boolean.parseBoolean(String.valueOf(value)));
        } catch (JMException | RuntimeException e) {
            LOG.fine(() -> "WildFly's integrated-jaspi setting could not be read: " + e);
            return Optional.empty();
        }
    }

    private static ObjectName name(String key, String value, String key2, String value2) {
        Hashtable<String, String> keys = new Hashtable<>();
        keys.put(key, value);
        if (key2 != null) {
            keys.put(key2, value2.matches("[\\w.-]+") ? value2 : ObjectName.quote(value2));
        }
        try {
            return ObjectName.getInstance(DOMAIN, keys);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> declaredDomain(ServletContext context) {
        try (InputStream in = context.getResourceAsStream("/WEB-INF/jboss-web.xml")) {
            if (in == null) {
                return Optional.empty();
            }
            Matcher m = SECURITY_DOMAIN.matcher(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
