package io.basicflow.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The JDK's DOM parser set up for documents from other servers: namespaces on, no DTD, no external
 * entity or schema (no XXE, no entity expansion bombs), and the element walks SOAP needs.
 */
final class Xml {

    private Xml() {}

    /**
     * Parses a document.
     *
     * @throws IllegalArgumentException when it is not well-formed XML or declares a DTD
     */
    static Document parse(byte[] bytes) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses its secure settings", e);
        }
    }

    /** The child elements of an element, in order. */
    static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    /** The child elements with a namespace and local name. */
    static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> elements = new ArrayList<>();
        for (Element element : children(parent)) {
            if (namespace.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName())) {
                elements.add(element);
            }
        }
        return elements;
    }

    /** The first child element with a local name (any namespace), or null. */
    static Element child(Element parent, String localName) {
        for (Element element : children(parent)) {
            if (localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    /** The first child element, or null. */
    static Element firstChild(Element parent) {
        List<Element> elements = children(parent);
        return elements.isEmpty() ? null : elements.getFirst();
    }
}
