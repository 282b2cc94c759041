package io.ssrguard.auth;

import static io.ssrguard.config.SsrGuardProperties.AUTH_ADAPTER;
import static io.ssrguard.config.SsrGuardProperties.AUTH_CONSTRAINTS;

import io.ssrguard.config.SettingsException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks at start that {@code ssrguard.auth.adapter=filter} can work: without the
 * mechanism only {@link AuthFilter} authenticates, so an application that does not
 * declare it would serve every request anonymously, and the container, which then
 * never learns the caller, would refuse every path a {@code <security-constraint>}
 * protects. Both stop the deployment naming the setting. Constraints declared
 * elsewhere ({@code @ServletSecurity}, {@code @RolesAllowed}, web fragments) are not
 * seen here; docs/authentication.md says the mode is for applications without them.
 */
public final class FilterAdapterCheck {

    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern SECURITY_CONSTRAINT = Pattern.compile("<(?:[\\w.-]+:)?security-constraint[\\s>]");

    private FilterAdapterCheck() {
    }

    /**
     * @param declaredFilters the class names of the filters the application declares
     * @param webXml          the text of {@code WEB-INF/web.xml}, empty when there is none
     * @throws SettingsException naming {@code ssrguard.auth.adapter} when the filter mode cannot work
     */
    public static void require(AuthSettings settings, Set<String> declaredFilters, String webXml) {
        if (!settings.enabled() || settings.adapter() != AuthAdapter.FILTER) {
            return;
        }
        if (!declaredFilters.contains(AuthFilter.class.getName())) {
            throw new SettingsException(AUTH_ADAPTER + "=filter, but " + AuthFilter.class.getName()
                    + " is not declared in web.xml, so nothing would authenticate requests: declare it, mapped to /*"
                    + " and first after the headers filter, or set " + AUTH_ADAPTER + "=mechanism");
        }
        // A comment may well mention the element (the sample's Tomcat web.xml does): only markup counts.
        if (SECURITY_CONSTRAINT.matcher(COMMENT.matcher(webXml).replaceAll("")).find()) {
            throw new SettingsException(AUTH_ADAPTER + "=filter, but web.xml declares a <security-constraint>, which"
                    + " only the Jakarta Security mechanism serves (the container would refuse every caller there):"
                    + " move the rules to " + AUTH_CONSTRAINTS + ", or set " + AUTH_ADAPTER + "=mechanism");
        }
    }
}
