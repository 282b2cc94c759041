package io.ssrguard.guard;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Finds a container that answers {@code TRACE} itself, before any filter runs, with an {@code Allow} header
 * built from the mapped servlet's methods: that answer tells a real guarded endpoint from a missing one, and
 * the guard cannot change it. Tomcat does so unless its {@code <Connector>} has {@code allowTrace="true"}
 * (then {@code TRACE} reaches the guard, which refuses it alike on every path); the connectors are read from
 * Tomcat's own MBeans. Payara has the same behaviour behind {@code trace-enabled} but publishes no MBean for
 * it, so there docs/guard.md names the line; WildFly refuses {@code TRACE} alike on every path.
 */
final class ContainerTraceCheck {

    private static final Logger LOG = Logger.getLogger(ContainerTraceCheck.class.getName());

    /** The line to add, as the log and docs/guard.md give it. */
    static final String TOMCAT_LINE = "allowTrace=\"true\" on every <Connector> of server.xml";

    private ContainerTraceCheck() {
    }

    /** Logs SEVERE once when the container answers TRACE before the guard can. */
    static void warnIfTraceBypassesTheGuard(String serverInfo) {
        problem(serverInfo, ManagementFactory.getPlatformMBeanServer()).ifPresent(p -> LOG.severe(p));
    }

    /**
     * @param serverInfo the container's {@code ServletContext.getServerInfo()}
     * @param server     where Tomcat registers its connectors
     * @return what is wrong and the line to add, if something is
     */
    static Optional<String> problem(String serverInfo, MBeanServer server) {
        if (serverInfo == null || !serverInfo.startsWith("Apache Tomcat")) {
            return Optional.empty();
        }
        try {
            Set<ObjectName> connectors = server.queryNames(new ObjectName("*:type=Connector,*"), null);
            for (ObjectName connector : connectors) {
                if (Boolean.FALSE.equals(server.getAttribute(connector, "allowTrace"))) {
                    return Optional.of("SSR Guard: Tomcat answers TRACE itself, before any filter, with an Allow header"
                            + " listing the mapped servlet's methods, which tells the internal endpoints the guard hides"
                            + " from unknown paths (connector " + connector.getKeyProperty("port") + "); set "
                            + TOMCAT_LINE + ", so that TRACE reaches the guard, which refuses it alike on every path");
                }
            }
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.FINE, "SSR Guard: Tomcat's connectors could not be read; TRACE not checked", e);
        }
        return Optional.empty();
    }
}
