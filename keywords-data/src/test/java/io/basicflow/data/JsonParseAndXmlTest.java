package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * {@code x = JSON PARSE text} (the two-word form real scripts write for PARSE_JSON) and {@code XML(value)}
 * (an export written as XML): each checked through a script, and the XML read back by the JDK's parser.
 */
@ExtendWith(PostgresExtension.class)
class JsonParseAndXmlTest {

    @Test
    void jsonParseIsTheTwoWordFormOfParseJson(TestDatabase database) {
        DataEngines.Run run = DataEngines.direct(database, "json/start.bas", """
                stats = "{""total"": 3, ""names"": [""faq"", ""policies""]}"
                statsObj = JSON PARSE stats
                TALK statsObj.total + 1 + " " + statsObj.names[1]
                again = JSON PARSE statsObj
                TALK again.names[0]
                TALK JSON_PARSE("[7]")[0]
                bad = JSON PARSE "{oops"
                """, List.of());
        assertThat(run.messages()).containsExactly("4 policies", "faq", "7");
        assertThat(run.outcome()).startsWith("FAILED").contains("JSON PARSE");
    }

    @Test
    void xmlOfAScriptValueIsAWellFormedDocumentWithTheValuesEscaped(TestDatabase database) throws Exception {
        DataEngines.Run run = DataEngines.direct(database, "xml/start.bas", """
                export = CREATE OBJECT
                export.name = "Ana & <Bo>"
                export.orders = [1, 2]
                export.address = #{city: "Porto"}
                export.note = NULL
                TALK XML(export)
                TALK XML([1, "two"], "list")
                """, List.of());
        assertThat(run.outcome()).startsWith("COMPLETED");
        Document document = parse(run.messages().get(0));
        assertThat(document.getDocumentElement().getNodeName()).isEqualTo("data");
        assertThat(text(document, "name")).isEqualTo("Ana & <Bo>");
        assertThat(document.getElementsByTagName("item").getLength()).isEqualTo(2);
        assertThat(text(document, "city")).isEqualTo("Porto");
        assertThat(document.getElementsByTagName("note").item(0).getTextContent())
                .isEmpty();
        Document list = parse(run.messages().get(1));
        assertThat(list.getDocumentElement().getNodeName()).isEqualTo("list");
        assertThat(list.getElementsByTagName("item").item(1).getTextContent()).isEqualTo("two");
    }

    @Test
    void fieldNamesThatAreNotXmlNamesBecomeOneAndNothingEscapesTheMarkup() throws Exception {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("1st place", new TextValue("gold"));
        fields.put("xmlns", new TextValue("x"));
        fields.put("a><b", new TextValue("]]></data><evil/>"));
        fields.put("", BooleanValue.TRUE);
        fields.put("n", IntegerValue.of(7));
        fields.put("nothing", NullValue.NULL);
        fields.put("bell", new TextValue("a\u0007b"));
        String xml = XmlText.document(new MapValue(fields), "root<x>");
        Document document = parse(xml);
        assertThat(document.getDocumentElement().getNodeName()).isEqualTo("root_x_");
        assertThat(text(document, "_1st_place")).isEqualTo("gold");
        assertThat(text(document, "_xmlns")).isEqualTo("x");
        assertThat(text(document, "a__b")).isEqualTo("]]></data><evil/>");
        assertThat(document.getElementsByTagName("evil").getLength()).isZero();
        assertThat(text(document, "_")).isEqualTo("true");
        assertThat(text(document, "n")).isEqualTo("7");
        assertThat(text(document, "bell")).isEqualTo("a b");
        assertThat(XmlText.document(new ListValue(List.of()), "data")).endsWith("<data></data>\n");
    }

    @Test
    void aValueNestedTooDeepIsRefusedWithAReason() {
        Value value = NullValue.NULL;
        for (int i = 0; i < 100; i++) {
            value = new ListValue(List.of(value));
        }
        Value deep = value;
        assertThatThrownBy(() -> XmlText.document(deep, "data"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nests deeper than 64");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String text(Document document, String element) {
        return document.getElementsByTagName(element).item(0).getTextContent();
    }
}
