package io.basicflow.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The placeholders of templates, and what the HTML and Markdown readers make of the filled text. */
class TemplatesTest {

    private static MapValue map(Object... pairs) {
        Map<String, Value> entries = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            entries.put((String) pairs[i], value instanceof Value v ? v : Value.text(String.valueOf(value)));
        }
        return new MapValue(entries);
    }

    @Test
    void placeholdersSectionsAndNestedListsAreFilled() throws KeywordException {
        Value data = map(
                "Name",
                "Ana",
                "orders",
                new ListValue(List.of(
                        map("id", "7", "lines", new ListValue(List.of(Value.text("a"), Value.text("b")))),
                        map("id", "8", "lines", new ListValue(List.of())))),
                "vip",
                Value.of(true),
                "empty",
                new ListValue(List.of()));
        String template = "Hi {{name}}!{{! a comment }}\n"
                + "{{#each orders}}[{{@index}}:{{id}}/{{name}}{{#each lines}} {{this}}{{/each}}"
                + "{{#unless lines}} none{{/unless}}]{{/each}}\n"
                + "{{#if vip}}VIP{{else}}regular{{/if}} {{#if empty}}has{{else}}no{{/if}} items";

        assertThat(Templates.fill("t.md", template, data, false))
                .isEqualTo("Hi Ana!\n[0:7/Ana a b][1:8/Ana none]\nVIP no items");
    }

    @Test
    void anHtmlTemplateEscapesValuesUnlessTripleBraced() throws KeywordException {
        Value data = map("x", "<b>&</b>");

        assertThat(Templates.fill("t.html", "{{x}}|{{{x}}}", data, true))
                .isEqualTo("&lt;b&gt;&amp;&lt;/b&gt;|<b>&</b>");
        assertThat(Templates.fill("t.md", "{{x}}", data, false)).isEqualTo("<b>&</b>");
    }

    @Test
    void mistakesNameTheTemplateAndLine() {
        Value data = map("a", "1");

        assertThatThrownBy(() -> Templates.fill("t.md", "a\n{{#if a}}\n{{/each}}", data, false))
                .hasMessageContaining("INVALID_TEMPLATE t.md:3: {{/each}} closes {{#if}} of line 2");
        assertThatThrownBy(() -> Templates.fill("t.md", "{{b}}", data, false))
                .hasMessageContaining("MISSING_VARIABLE t.md:1: {{b}}");
        assertThatThrownBy(() -> Templates.fill("t.md", "x {{a", data, false))
                .hasMessageContaining("INVALID_TEMPLATE t.md:1: a placeholder opened with {{ is never closed");
        assertThatThrownBy(() -> Templates.fill("t.md", "{{#with a}}{{/with}}", data, false))
                .hasMessageContaining("{{#with a}} is no section");
        assertThatThrownBy(() -> Templates.fill("t.md", "{{else}}", data, false))
                .hasMessageContaining("{{else}} belongs inside");
    }

    @Test
    void htmlBecomesHeadingsParagraphsItemsRowsAndBreaks() {
        String html = "<html><head><style>p{}</style></head><body><!-- note -->"
                + "<h2>Title &euro; &#233;</h2><p>one<br>two</p>"
                + "<ol><li>first</li><li>second</li></ol><ul><li>dot</li></ul>"
                + "<div class=\"page-break\"></div>"
                + "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td> 2 </td></tr></table><hr>"
                + "<p>&#99999999; stays</p></body></html>";

        assertThat(HtmlBlocks.of(html))
                .containsExactly(
                        new Block.Heading(2, "Title \u20ac \u00e9"),
                        new Block.Paragraph("one"),
                        new Block.Paragraph("two"),
                        new Block.Item("1.", "first"),
                        new Block.Item("2.", "second"),
                        new Block.Item("\u2022", "dot"),
                        new Block.PageBreak(),
                        new Block.Row(List.of("A", "B"), true),
                        new Block.Row(List.of("1", "2"), false),
                        new Block.Rule(),
                        new Block.Paragraph("&#99999999; stays"));
    }

    @Test
    void markdownBecomesHeadingsParagraphsItemsRowsAndRules() {
        String markdown = "# Report\n\nSome **bold** text\nwith a [link](http://x.org).\n\n"
                + "- one\n3. three\n\n---\n| a | b |\n|---|:---:|\n| 1 | 2 |\n";

        assertThat(MarkdownBlocks.of(markdown))
                .containsExactly(
                        new Block.Heading(1, "Report"),
                        new Block.Paragraph("Some bold text with a link."),
                        new Block.Item("\u2022", "one"),
                        new Block.Item("3.", "three"),
                        new Block.Rule(),
                        new Block.Row(List.of("a", "b"), true),
                        new Block.Row(List.of("1", "2"), false));
    }

    @Test
    void longTextWrapsAndFlowsOntoMorePages() throws Exception {
        List<Block> blocks = new java.util.ArrayList<>();
        blocks.add(new Block.Heading(1, "Long"));
        for (int i = 0; i < 120; i++) {
            blocks.add(new Block.Paragraph("Paragraph " + i + " " + "word ".repeat(40) + "\u2713 end"));
        }
        PdfPages.Rendered rendered = PdfPages.render(blocks, "Long");

        assertThat(rendered.pages()).isGreaterThan(5);
        try (var document = org.apache.pdfbox.Loader.loadPDF(rendered.bytes())) {
            assertThat(document.getNumberOfPages()).isEqualTo(rendered.pages());
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("Paragraph 119").contains("? end"); // ✓ is not in the standard fonts
        }
    }
}
