package io.ssrguard;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Finds the pack's filters that {@code web.xml} declares without {@code <async-supported>true}.
 * One such filter makes every asynchronous servlet behind it (server-sent events, async JAX-RS)
 * fail with a 500, and the Servlet API does not tell a registration's async flag, so the
 * declaration itself is read. Filters declared elsewhere (fragments, code) are not seen.
 */
final class WebXmlAsyncCheck {

    /** One of the pack's filters without async support: its {@code filter-name} and class. */
    record SyncFilter(String name, String className) {
    }

    private WebXmlAsyncCheck() {
    }

    /**
     * @param webXml the application's {@code WEB-INF/web.xml}
     * @return the pack's filters declared there without {@code <async-supported>true</async-supported>}
     * @throws IOException when it cannot be read or parsed
     */
    static List<SyncFilter> filtersWithoutAsync(InputStream webXml) throws IOException {
        NodeList filters;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // Old web.xml files name a DTD: never fetch it.
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            filters = factory.newDocumentBuilder().parse(webXml).getElementsByTagNameNS("*", "filter");
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("web.xml is not readable XML: " + e.getMessage(), e);
        }
        List<SyncFilter> found = new ArrayList<>();
        for (int i = 0; i < filters.getLength(); i++) {
            Element filter = (Element) filters.item(i);
            String className = child(filter, "filter-class");
            if (className.startsWith("io.ssrguard.") && !child(filter, "async-supported").equalsIgnoreCase("true")) {
                found.add(new SyncFilter(child(filter, "filter-name"), className));
            }
        }
        return found;
    }

    private static String child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }
}
