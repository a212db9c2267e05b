package io.basicflow.http;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Markup;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * {@code result = SOAP service, operation, params}: builds a SOAP envelope around the operation's
 * element, posts it with the operation's action, and reads the response element into a map.
 *
 * <ul>
 *   <li>A WSDL URL (the URL ends with {@code ?wsdl} or {@code .wsdl}, any case) is fetched once per
 *       process; it gives the endpoint ({@code soap:address}), the SOAP version (a SOAP 1.1 port when
 *       the service has one, else 1.2), the namespace of the operation's element (the WSDL's {@code
 *       targetNamespace}) and its {@code soapAction}. Any other URL is the endpoint itself: SOAP 1.1,
 *       the element without a namespace, {@code SOAPAction} the operation's name.
 *   <li>The parameters: a map becomes the operation's child elements (nested maps nest, a list repeats
 *       its element), in the operation's namespace; a text starting with {@code <} is the body's XML as
 *       written.
 *   <li>The result: the response element's children as a map (repeated elements a list, text values
 *       text, attributes left out); when its only child is a {@code …Result} or {@code return} wrapper
 *       holding elements (as .NET and JAX-WS services answer), that wrapper's children.
 *   <li>A SOAP fault (1.1 {@code faultstring} or 1.2 {@code Reason/Text}) fails the step with its
 *       text and code, not retried; other statuses follow the HTTP keywords' rules (408, 429, 5xx
 *       retried).
 * </ul>
 */
final class SoapCalls {

    static final String SOAP11_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12_ENVELOPE = "http://www.w3.org/2003/05/soap-envelope";
    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    private static final String WSDL_SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/";
    private static final String WSDL_SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final Pattern XML_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");
    private static final int MAX_CACHED_SERVICES = 64;

    /** What a call needs to know about the service. */
    record Service(String endpoint, boolean soap12, String namespace, Map<String, String> actions) {}

    private final HttpCalls calls;
    private final Map<String, Service> described = new ConcurrentHashMap<>();

    SoapCalls(HttpCalls calls) {
        this.calls = calls;
    }

    Value call(Invocation invocation) throws KeywordException {
        String url = invocation.argument("service").display();
        String operation = invocation.argument("operation").display().trim();
        if (!XML_NAME.matcher(operation).matches()) {
            throw KeywordException.permanent("SOAP " + url + ": the operation must be an XML element name such as"
                    + " GetUser, was '" + operation + "'");
        }
        Service service = service(invocation, url, operation);
        String action = service.actions().getOrDefault(operation, defaultAction(service.namespace(), operation));
        String envelope = envelope(service, operation, invocation.argument("params"), url);
        Map<String, String> headers = new LinkedHashMap<>();
        if (service.soap12()) {
            headers.put("Content-Type", "application/soap+xml; charset=utf-8; action=\"" + action + "\"");
        } else {
            headers.put("Content-Type", "text/xml; charset=utf-8");
            headers.put("SOAPAction", "\"" + action + "\"");
        }
        headers.put("Accept", service.soap12() ? "application/soap+xml, text/xml" : "text/xml, application/soap+xml");
        HttpAnswer answer = calls.exchange(
                invocation,
                "POST",
                service.endpoint(),
                headers,
                envelope.getBytes(StandardCharsets.UTF_8),
                SoapCalls::carriesFault);
        return response(operation, service.endpoint(), answer);
    }

    private static String defaultAction(String namespace, String operation) {
        if (namespace.isEmpty()) {
            return operation;
        }
        return namespace.endsWith("/") ? namespace + operation : namespace + "/" + operation;
    }

    private static boolean carriesFault(HttpAnswer answer) {
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        return text.contains(":Fault") || text.contains("<Fault");
    }

    private Service service(Invocation invocation, String url, String operation) throws KeywordException {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith("?wsdl")
                || lower.endsWith(".wsdl")
                || lower.contains("?wsdl&")
                || lower.endsWith("&wsdl"))) {
            return new Service(url, false, "", Map.of());
        }
        Service known = described.get(url);
        if (known == null) {
            HttpAnswer answer = calls.fetch(invocation, url);
            if (answer.status() < 200 || answer.status() >= 300) {
                throw KeywordException.permanent("SOAP: the WSDL " + url + " answered " + answer.status()
                        + HttpCalls.snippet(answer) + "; check the service's ?wsdl URL");
            }
            known = Wsdl.read(url, answer.body());
            if (described.size() >= MAX_CACHED_SERVICES) {
                described.clear();
            }
            described.put(url, known);
        }
        if (!known.actions().containsKey(operation)) {
            throw KeywordException.permanent("SOAP: the WSDL " + url + " has no operation '" + operation
                    + "'; its operations: " + String.join(", ", known.actions().keySet()));
        }
        return known;
    }

    private static String envelope(Service service, String operation, Value params, String url)
            throws KeywordException {
        StringBuilder xml = new StringBuilder(512);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        xml.append("<soap:Envelope xmlns:soap=\"")
                .append(service.soap12() ? SOAP12_ENVELOPE : SOAP11_ENVELOPE)
                .append("\"><soap:Body>");
        if (params instanceof TextValue text && text.value().trim().startsWith("<")) {
            String body = text.value().trim();
            try {
                Xml.parse(("<wrapper>" + body + "</wrapper>").getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw KeywordException.permanent("SOAP " + url + " " + operation
                        + ": the parameters' XML is not well-formed: " + e.getMessage());
            }
            xml.append(body);
        } else if (params instanceof MapValue || params instanceof NullValue) {
            xml.append('<').append(operation);
            if (!service.namespace().isEmpty()) {
                xml.append(" xmlns=\"")
                        .append(Markup.escape(service.namespace()))
                        .append('"');
            }
            xml.append('>');
            if (params instanceof MapValue map) {
                children(xml, map, operation, url);
            }
            xml.append("</").append(operation).append('>');
        } else {
            throw KeywordException.permanent("SOAP " + url + " " + operation + ": the parameters must be a map"
                    + " ({ \"userId\": \"12345\" }) or the body's XML, was " + params.display());
        }
        xml.append("</soap:Body></soap:Envelope>");
        return xml.toString();
    }

    private static void children(StringBuilder xml, MapValue map, String operation, String url)
            throws KeywordException {
        for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
            String name = entry.getKey();
            if (!XML_NAME.matcher(name).matches()) {
                throw KeywordException.permanent("SOAP " + url + " " + operation + ": the parameter name '" + name
                        + "' is no XML element name (letters, digits, _ . -, not starting with a digit)");
            }
            if (entry.getValue() instanceof ListValue list) {
                for (Value element : list.elements()) {
                    element(xml, name, element, operation, url);
                }
            } else {
                element(xml, name, entry.getValue(), operation, url);
            }
        }
    }

    private static void element(StringBuilder xml, String name, Value value, String operation, String url)
            throws KeywordException {
        xml.append('<').append(name).append('>');
        switch (value) {
            case MapValue map -> children(xml, map, operation, url);
            case ListValue list -> {
                // a list inside a list: each element an <item>
                for (Value item : list.elements()) {
                    element(xml, "item", item, operation, url);
                }
            }
            case NullValue ignored -> {}
            default -> xml.append(Markup.escape(value.display()));
        }
        xml.append("</").append(name).append('>');
    }

    private static Value response(String operation, String endpoint, HttpAnswer answer) throws KeywordException {
        Element envelope;
        try {
            envelope = Xml.parse(answer.body()).getDocumentElement();
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent("SOAP " + operation + " at " + endpoint + " answered " + answer.status()
                    + " without a SOAP envelope (" + e.getMessage() + ")" + HttpCalls.snippet(answer));
        }
        Element body = Xml.child(envelope, "Body");
        if (!"Envelope".equals(envelope.getLocalName()) || body == null) {
            throw KeywordException.permanent("SOAP " + operation + " at " + endpoint + " answered " + answer.status()
                    + " with XML that is no SOAP envelope" + HttpCalls.snippet(answer));
        }
        Element first = Xml.firstChild(body);
        if (first != null && "Fault".equals(first.getLocalName())) {
            throw KeywordException.permanent(
                    "SOAP " + operation + " at " + endpoint + " answered a fault: " + faultText(first));
        }
        if (answer.status() < 200 || answer.status() >= 300) {
            throw KeywordException.permanent("SOAP " + operation + " at " + endpoint + " answered " + answer.status()
                    + HttpCalls.snippet(answer));
        }
        if (first == null) {
            return MapValue.EMPTY;
        }
        Value content = value(first);
        if (!(content instanceof MapValue map)) {
            return new MapValue(Map.of(first.getLocalName(), content));
        }
        if (map.entries().size() == 1) {
            Map.Entry<String, Value> only = map.entries().entrySet().iterator().next();
            if ((only.getKey().endsWith("Result") || only.getKey().equals("return"))
                    && only.getValue() instanceof MapValue inner) {
                return inner;
            }
        }
        return map;
    }

    /** {@code faultstring (faultcode)} of SOAP 1.1, {@code Reason/Text (Code/Value)} of 1.2. */
    private static String faultText(Element fault) {
        Element string = Xml.child(fault, "faultstring");
        Element code = Xml.child(fault, "faultcode");
        if (string == null) {
            Element reason = Xml.child(fault, "Reason");
            string = reason == null ? null : Xml.child(reason, "Text");
            Element code12 = Xml.child(fault, "Code");
            code = code12 == null ? null : Xml.child(code12, "Value");
        }
        String text =
                string == null ? "(no fault string)" : string.getTextContent().trim();
        return code == null ? text : text + " (" + code.getTextContent().trim() + ")";
    }

    /** An element as a value: its text when it has no child elements, else a map of them. */
    static Value value(Element element) {
        if ("true".equals(element.getAttributeNS(XSI, "nil"))) {
            return NullValue.NULL;
        }
        List<Element> children = Xml.children(element);
        if (children.isEmpty()) {
            return new TextValue(element.getTextContent().trim());
        }
        Map<String, List<Value>> byName = new LinkedHashMap<>();
        for (Element child : children) {
            String name = child.getLocalName() == null ? child.getNodeName() : child.getLocalName();
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(value(child));
        }
        Map<String, Value> map = new LinkedHashMap<>();
        byName.forEach((name, values) -> map.put(name, values.size() == 1 ? values.getFirst() : new ListValue(values)));
        return new MapValue(map);
    }

    /** Reads what a call needs from a WSDL 1.1 document. */
    static final class Wsdl {

        private Wsdl() {}

        static Service read(String url, byte[] document) throws KeywordException {
            Element definitions;
            try {
                definitions = Xml.parse(document).getDocumentElement();
            } catch (IllegalArgumentException e) {
                throw KeywordException.permanent("SOAP: the WSDL " + url + " is not XML: " + e.getMessage());
            }
            if (!WSDL.equals(definitions.getNamespaceURI()) || !"definitions".equals(definitions.getLocalName())) {
                throw KeywordException.permanent("SOAP: " + url + " is no WSDL 1.1 document (its root is "
                        + definitions.getNodeName() + ", not wsdl:definitions)");
            }
            String namespace = definitions.getAttribute("targetNamespace");
            String endpoint = null;
            String binding = null;
            boolean soap12 = false;
            for (Element service : Xml.children(definitions, WSDL, "service")) {
                for (Element port : Xml.children(service, WSDL, "port")) {
                    for (Element address : Xml.children(port)) {
                        boolean is11 = WSDL_SOAP11.equals(address.getNamespaceURI());
                        boolean is12 = WSDL_SOAP12.equals(address.getNamespaceURI());
                        if (!"address".equals(address.getLocalName()) || !(is11 || is12)) {
                            continue;
                        }
                        if (endpoint == null || (soap12 && is11)) {
                            endpoint = address.getAttribute("location");
                            binding = localPart(port.getAttribute("binding"));
                            soap12 = is12;
                        }
                    }
                }
            }
            if (endpoint == null || endpoint.isBlank()) {
                throw KeywordException.permanent("SOAP: the WSDL " + url + " names no SOAP endpoint (no service port"
                        + " with a soap:address); give the endpoint's URL instead");
            }
            Map<String, String> actions = new LinkedHashMap<>();
            for (Element candidate : Xml.children(definitions, WSDL, "binding")) {
                if (!candidate.getAttribute("name").equals(binding)) {
                    continue;
                }
                for (Element operation : Xml.children(candidate, WSDL, "operation")) {
                    String action = "";
                    for (Element soapOperation : Xml.children(operation)) {
                        if ("operation".equals(soapOperation.getLocalName())
                                && (WSDL_SOAP11.equals(soapOperation.getNamespaceURI())
                                        || WSDL_SOAP12.equals(soapOperation.getNamespaceURI()))) {
                            action = soapOperation.getAttribute("soapAction");
                        }
                    }
                    actions.put(
                            operation.getAttribute("name"),
                            action.isEmpty() ? defaultAction(namespace, operation.getAttribute("name")) : action);
                }
            }
            return new Service(endpoint, soap12, namespace, actions);
        }

        private static String localPart(String qualified) {
            int colon = qualified.indexOf(':');
            return colon < 0 ? qualified : qualified.substring(colon + 1);
        }
    }
}
