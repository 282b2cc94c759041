package io.ssrguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class ContainerTraceCheckTest {

    /** Tomcat's connector MBean as its modeler publishes it: the attribute {@code allowTrace}, lower case. */
    private static final class FakeConnector implements DynamicMBean {
        private final boolean allowTrace;

        FakeConnector(boolean allowTrace) {
            this.allowTrace = allowTrace;
        }

        @Override
        public Object getAttribute(String attribute) throws AttributeNotFoundException {
            if (!attribute.equals("allowTrace")) {
                throw new AttributeNotFoundException(attribute);
            }
            return allowTrace;
        }

        @Override
        public void setAttribute(Attribute attribute) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AttributeList getAttributes(String[] attributes) {
            return new AttributeList();
        }

        @Override
        public AttributeList setAttributes(AttributeList attributes) {
            return new AttributeList();
        }

        @Override
        public Object invoke(String actionName, Object[] params, String[] signature) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            return new MBeanInfo(FakeConnector.class.getName(), "connector", new MBeanAttributeInfo[] {
                    new MBeanAttributeInfo("allowTrace", "boolean", "allow TRACE", true, false, false)},
                    null, null, null);
        }
    }

    private static MBeanServer withConnector(boolean allowTrace) throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        server.registerMBean(new FakeConnector(allowTrace), new ObjectName("Tomcat:type=Connector,port=8080"));
        return server;
    }

    @Test
    void tomcatWithoutAllowTraceIsNamedWithTheLineToAdd() throws Exception {
        Optional<String> problem = ContainerTraceCheck.problem("Apache Tomcat/10.1.34", withConnector(false));
        assertTrue(problem.orElseThrow().contains(ContainerTraceCheck.TOMCAT_LINE), problem.get());
        assertTrue(problem.get().contains("8080"), problem.get());
    }

    @Test
    void tomcatWithAllowTraceAndOtherContainersPass() throws Exception {
        assertEquals(Optional.empty(), ContainerTraceCheck.problem("Apache Tomcat/10.1.34", withConnector(true)));
        assertEquals(Optional.empty(), ContainerTraceCheck.problem("WildFly Full 35", withConnector(false)));
        assertEquals(Optional.empty(), ContainerTraceCheck.problem(null, withConnector(false)));
    }
}
