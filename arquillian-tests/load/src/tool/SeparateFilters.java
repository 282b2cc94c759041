import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Writes the sample's {@code web.xml} with {@code io.ssrguard.SsrGuardFilter} replaced by the
 * pack's filters declared one by one, as the sample declared them before that filter existed
 * (single-file source, JDK only). The load benchmark's {@code sep-} cases run it, so that one
 * run shows what declaring five container filters instead of one costs on Payara and WildFly.
 * Usage: {@code java SeparateFilters.java sample-web.xml out-web.xml}.
 */
public final class SeparateFilters {

    static final String COMPOSITE = "io.ssrguard.SsrGuardFilter";
    /** Filter name, class and dispatchers, in the order of the sample before SsrGuardFilter (no AuthFilter there). */
    static final String[][] SEPARATE = {
        {"ssrguard-headers", "io.ssrguard.headers.HeadersFilter", "REQUEST"},
        {"ssrguard-csp", "io.ssrguard.csp.ContentSecurityPolicyFilter", "REQUEST ERROR"},
        {"ssrguard-gate", "io.ssrguard.gate.GateFilter", "REQUEST"},
        {"ssrguard-csrf", "io.ssrguard.csrf.CsrfFilter", "REQUEST"},
        {"ssrguard-guard", "io.ssrguard.guard.GuardFilter", "REQUEST"},
    };

    public static void main(String[] args) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document doc = factory.newDocumentBuilder().parse(Path.of(args[0]).toFile());
        Element app = doc.getDocumentElement();
        String ns = app.getNamespaceURI();
        String name = null;
        Node anchor = null;
        List<Element> remove = new ArrayList<>();
        for (Element filter : children(app, "filter")) {
            if (COMPOSITE.equals(text(filter, "filter-class"))) {
                name = text(filter, "filter-name");
                anchor = filter;
                remove.add(filter);
            }
        }
        if (name == null) {
            throw new IllegalStateException(args[0] + " does not declare " + COMPOSITE);
        }
        for (Element mapping : children(app, "filter-mapping")) {
            if (name.equals(text(mapping, "filter-name"))) {
                remove.add(mapping);
            }
        }
        for (String[] f : SEPARATE) {
            Element filter = element(doc, ns, "filter");
            filter.appendChild(leaf(doc, ns, "filter-name", f[0]));
            filter.appendChild(leaf(doc, ns, "filter-class", f[1]));
            filter.appendChild(leaf(doc, ns, "async-supported", "true"));
            app.insertBefore(filter, anchor);
        }
        for (String[] f : SEPARATE) {
            Element mapping = element(doc, ns, "filter-mapping");
            mapping.appendChild(leaf(doc, ns, "filter-name", f[0]));
            mapping.appendChild(leaf(doc, ns, "url-pattern", "/*"));
            for (String dispatcher : f[2].split(" ")) {
                mapping.appendChild(leaf(doc, ns, "dispatcher", dispatcher));
            }
            app.insertBefore(mapping, anchor);
        }
        remove.forEach(app::removeChild);
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.INDENT, "yes");
        Files.createDirectories(Path.of(args[1]).toAbsolutePath().getParent());
        transformer.transform(new DOMSource(doc), new StreamResult(Path.of(args[1]).toFile()));
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList all = parent.getChildNodes();
        for (int i = 0; i < all.getLength(); i++) {
            if (all.item(i) instanceof Element e && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    static String text(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    static Element element(Document doc, String ns, String name) {
        return doc.createElementNS(ns, name);
    }

    static Element leaf(Document doc, String ns, String name, String text) {
        Element e = element(doc, ns, name);
        e.setTextContent(text);
        return e;
    }
}
