package io.basicflow.spi.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The one markup escaping, as the data plugin's XML(value), the HTTP plugin's SOAP bodies and the PDF
 * plugin's HTML templates use it: every markup character, controls made spaces, and a real XML parser
 * reads back the text (as content and as an attribute) it was given.
 */
class MarkupTest {

    @Test
    void everyMarkupCharacterIsEscaped() {
        assertThat(Markup.escape("<b>Tom & \"Jerry\" 'n' co</b>"))
                .isEqualTo("&lt;b&gt;Tom &amp; &quot;Jerry&quot; &apos;n&apos; co&lt;/b&gt;");
        assertThat(Markup.escape("&amp;")).isEqualTo("&amp;amp;");
        assertThat(Markup.escape("")).isEmpty();
        assertThat(Markup.escape("plain text, ção, 日本, 😀")).isEqualTo("plain text, ção, 日本, 😀");
    }

    @Test
    void aControlCharacterXmlForbidsBecomesASpaceAndWhitespaceStays() {
        assertThat(Markup.escape("a\u0000b\u0001c\u001fd\u0008e")).isEqualTo("a b c d e");
        assertThat(Markup.escape("line\nnext\r\n\ttab")).isEqualTo("line\nnext\r\n\ttab");
    }

    @Test
    void appendingEscapesAfterWhatIsThere() {
        StringBuilder out = new StringBuilder("<v>");
        Markup.escape("1 < 2", out);
        assertThat(out.append("</v>")).hasToString("<v>1 &lt; 2</v>");
    }

    @Test
    void anXmlParserReadsBackTheTextAsContentAndAsAttribute() throws Exception {
        String text = "a<b>&c\"d'e\u0007f]]>g";
        String escaped = Markup.escape(text);
        String document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><root a=\"" + escaped + "\" b='" + escaped + "'>"
                + escaped + "</root>";
        Document parsed = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
        String expected = "a<b>&c\"d'e f]]>g";
        assertThat(parsed.getDocumentElement().getTextContent()).isEqualTo(expected);
        assertThat(parsed.getDocumentElement().getAttribute("a")).isEqualTo(expected);
        assertThat(parsed.getDocumentElement().getAttribute("b")).isEqualTo(expected);
    }
}
