package io.ssrguard.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssrguard.config.SettingsException;
import java.util.Map;
import java.util.Optional;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The check reads WildFly's management model the way WildFly publishes it: MBeans on a real MBean server. */
class WildFlyJaspiCheckTest {

    @Test
    void anotherServerIsNotChecked() {
        assertDoesNotThrow(() -> WildFlyJaspiCheck.require(MBeanServerFactory.newMBeanServer(), Optional.empty()));
    }

    @Test
    void theDefaultDomainWithIntegratedJaspiOnStopsTheDeploymentWithTheCliLine() throws Exception {
        MBeanServer server = wildFly("other", Map.of("other", true));
        SettingsException e = assertThrows(SettingsException.class,
                () -> WildFlyJaspiCheck.require(server, Optional.empty()));
        assertTrue(e.getMessage().contains("'other' has integrated-jaspi=true"), e.getMessage());
        assertTrue(e.getMessage().contains(
                "/subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi,value=false)"),
                e.getMessage());
    }

    @Test
    void integratedJaspiOffPasses() throws Exception {
        assertDoesNotThrow(() -> WildFlyJaspiCheck.require(wildFly("other", Map.of("other", false)), Optional.empty()));
    }

    @Test
    void theDomainJbossWebXmlNamesIsTheOneChecked() throws Exception {
        MBeanServer server = wildFly("other", Map.of("other", false, "shop", true));
        SettingsException e = assertThrows(SettingsException.class,
                () -> WildFlyJaspiCheck.require(server, Optional.of("shop")));
        assertTrue(e.getMessage().contains("application-security-domain=shop:"), e.getMessage());
        assertDoesNotThrow(() -> WildFlyJaspiCheck.require(server, Optional.of("other")));
    }

    @Test
    void aDomainWithoutAnElytronMappingIsNotChecked() throws Exception {
        assertDoesNotThrow(() -> WildFlyJaspiCheck.require(wildFly("legacy", Map.of("other", true)), Optional.empty()));
    }

    private static MBeanServer wildFly(String defaultDomain, Map<String, Boolean> integratedJaspi) throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        server.registerMBean(new Attributes(Map.of("defaultSecurityDomain", defaultDomain)),
                new ObjectName("jboss.as:subsystem=undertow"));
        for (Map.Entry<String, Boolean> domain : integratedJaspi.entrySet()) {
            server.registerMBean(new Attributes(Map.of("integratedJaspi", domain.getValue())),
                    new ObjectName("jboss.as:subsystem=undertow,application-security-domain=" + domain.getKey()));
        }
        return server;
    }

    /** A read-only MBean with fixed attributes, as WildFly's model resources appear over JMX. */
    private record Attributes(Map<String, Object> values) implements DynamicMBean {
        @Override
        public Object getAttribute(String name) throws AttributeNotFoundException {
            if (!values.containsKey(name)) {
                throw new AttributeNotFoundException(name);
            }
            return values.get(name);
        }

        @Override
        public void setAttribute(Attribute attribute) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AttributeList getAttributes(String[] names) {
            AttributeList list = new AttributeList();
            for (String n : names) {
                if (values.containsKey(n)) {
                    list.add(new Attribute(n, values.get(n)));
                }
            }
            return list;
        }

        @Override
        public AttributeList setAttributes(AttributeList attributes) {
            return new AttributeList();
        }

        @Override
        public Object invoke(String action, Object[] params, String[] signature) {
            throw new UnsupportedOperationException(action);
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            return new MBeanInfo(Attributes.class.getName(), "test", null, null, null, null);
        }
    }
}
