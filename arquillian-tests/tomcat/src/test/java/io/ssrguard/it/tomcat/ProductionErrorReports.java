package io.ssrguard.it.tomcat;

import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jboss.arquillian.container.spi.event.container.AfterStart;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Configures the embedded Tomcat the way docs/operations.md tells operators to configure
 * theirs: the host's {@code ErrorReportValve} with {@code showReport=false} and
 * {@code showServerInfo=false}. Tomcat's default error page prints the stack
 * trace of errors raised before any filter runs (an over-long request header,
 * for example); a production Tomcat must not. And the Connector's {@code allowTrace="true"},
 * as docs/guard.md asks for the internal endpoint guard.
 */
public class ProductionErrorReports implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(ProductionErrorReports.class);
    }

    public void hideReports(@Observes AfterStart event) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> valves = server.queryNames(new ObjectName("*:type=Valve,name=ErrorReportValve,*"), null);
        if (valves.isEmpty()) {
            throw new IllegalStateException("no ErrorReportValve MBean found in the embedded Tomcat");
        }
        for (ObjectName valve : valves) {
            server.setAttribute(valve, new Attribute("showReport", false));
            server.setAttribute(valve, new Attribute("showServerInfo", false));
        }
        // docs/guard.md, Tomcat: allowTrace="true" on the Connector, so that TRACE reaches the pack's guard,
        // which refuses it alike on every path (Tomcat's own refusal lists the mapped servlet's methods).
        Set<ObjectName> connectors = server.queryNames(new ObjectName("*:type=Connector,*"), null);
        if (connectors.isEmpty()) {
            throw new IllegalStateException("no Connector MBean found in the embedded Tomcat");
        }
        for (ObjectName connector : connectors) {
            server.setAttribute(connector, new Attribute("allowTrace", true));
        }
    }
}
