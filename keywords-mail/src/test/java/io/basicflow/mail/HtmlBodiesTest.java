package io.basicflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlBodiesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<html><body>Hi</body></html>",
                "  <p>Hello</p>",
                "Line one<br>Line two",
                "Line one<br/>Line two",
                "Click <a href=\"https://example.com\">here</a>",
                "<!DOCTYPE html><title>x</title>",
                "Total: <b>42</b>",
                "<div class=\"card\">x</div>",
                "<TABLE><TR><TD>1</TD></TR></TABLE>"
            })
    void recognisesHtml(String body) {
        assertThat(HtmlBodies.looksLikeHtml(body)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Dear Ana,\n\nyour order is on its way.",
                "If price < 10 and stock > 3 then reorder",
                "<no subject>",
                "Reply to <ana@example.com>",
                "Use x<y && y>z"
            })
    void leavesPlainTextAlone(String body) {
        assertThat(HtmlBodies.looksLikeHtml(body)).isFalse();
    }

    @Test
    void rendersParagraphsBreaksAndLists() {
        String html = "<html><head><title>T</title><style>p{color:red}</style></head><body>\n"
                + "<h1>Order   shipped</h1>\n<p>Hello&nbsp;Ana,<br>your items:</p>"
                + "<ul><li>Book &amp; pen</li><li>Mug</li></ul>"
                + "<!-- tracking pixel --><script>alert(1)</script><p>Thanks &#8212; the &quot;Shop&quot;</p></body></html>";

        assertThat(HtmlBodies.toPlainText(html))
                .isEqualTo("Order shipped\n\nHello Ana,\nyour items:\n\n- Book & pen\n- Mug\n\nThanks — the \"Shop\"");
    }

    @Test
    void keepsLinkTargets() {
        assertThat(HtmlBodies.toPlainText("See <a href='https://example.com/t?id=1&amp;x=2'>your ticket</a>, mail"
                        + " <a href=\"mailto:help@example.com\">help@example.com</a>, or <a href=\"#top\">top</a>."))
                .isEqualTo("See your ticket (https://example.com/t?id=1&x=2), mail help@example.com, or top.");
    }

    @Test
    void leavesUnknownEntitiesAndAngleBracketsInText() {
        assertThat(HtmlBodies.toPlainText("<p>a &bogus; b &#x1F600; 3 &lt; 4</p>"))
                .isEqualTo("a &bogus; b 😀 3 < 4");
    }
}
