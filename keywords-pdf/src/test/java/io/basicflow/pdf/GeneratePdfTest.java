package io.basicflow.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.files.FilesPlugin;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.EffectCall;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GENERATE PDF} and {@code MERGE PDF} in scripts, on a real storage folder: the PDFs are read
 * back with PDFBox and their text checked; the direct and the durable run say and leave the same; a
 * step attempted again after a crash writes its PDF once.
 */
class GeneratePdfTest {

    static final String INVOICE = """
            <!DOCTYPE html>
            <html>
            <head><style>body { font-family: Arial; }</style><title>ignored</title></head>
            <body>
              <h1>INVOICE</h1>
              <p class="number">{{invoice_number}}</p>
              <p><strong>Customer:</strong> {{customer.name}} &amp; family</p>
              <table>
                <tr><th>Item</th><th>Quantity</th><th>Price</th></tr>
                {{#each items}}
                <tr><td>{{@index}}. {{this.name}}</td><td>{{quantity}}</td><td>${{this.price}}</td></tr>
                {{/each}}
              </table>
              {{#if discount}}<p>Discount: {{discount}}</p>{{/if}}
              {{#unless paid}}<p>Please pay by {{due}}</p>{{/unless}}
              <p>Note: {{note}}</p>
            </body>
            </html>
            """;

    static final String REPORT = """
            # {{title}}

            **Period:** {{period}}

            ## Metrics
            {{#each metrics}}
            - {{name}}: {{value}}
            {{/each}}

            | Region | Sales |
            |---|---|
            {{#each regions}}| {{this.name}} | {{this.sales}} |
            {{/each}}
            """;

    static final String SCRIPT = """
            data = #{
                invoice_number: "INV-2026-007",
                customer: #{ name: "Ana Lima" },
                items: [#{ name: "Consulting", quantity: 10, price: 150 }, #{ name: "License", quantity: 1, price: 500 }],
                discount: NULL,
                paid: FALSE,
                due: "2026-12-31",
                note: "<b>thanks</b>"
            }
            invoice = GENERATE PDF "templates/invoice.html", data, "invoices/inv-007.pdf"
            TALK "Invoice: " + invoice.localName + ", " + invoice.pages + " page"
            report = GENERATE_PDF "templates/report.md", #{ title: "Monthly Report", period: "May 2026", metrics: [#{ name: "Orders", value: 42 }], regions: [#{ name: "North", sales: 1200 }, #{ name: "South", sales: 800 }] }, "reports/may.pdf"
            parts = [invoice, report.localName]
            both = MERGE PDF parts, "packages/all.pdf"
            TALK "Package: " + both.path + ", " + both.pages + " pages"
            RETURN both.url
            """;

    static final List<String> MESSAGES =
            List.of("Invoice: invoices/inv-007.pdf, 1 page", "Package: packages/all.pdf, 2 pages");

    @TempDir
    Path root;

    @Test
    void theTemplatesAreFilledLaidOutAndMergedTheSameInBothModes() throws Exception {
        Path directRoot = storage(root.resolve("direct"));
        DirectRun direct = DirectRun.of(
                List.of(new PdfPlugin(), new FilesPlugin()),
                Map.of("basicflow.files.root", directRoot.toString()),
                "shop/start.bas",
                SCRIPT,
                Map.of());
        assertThat(direct.outcome())
                .isEqualTo(new DirectOutcome.Completed(Optional.of(Value.text("packages/all.pdf"))));
        assertThat(direct.messages()).containsExactlyElementsOf(MESSAGES);

        Path durableRoot = storage(root.resolve("durable"));
        try (BasicflowTestKit kit = kit(durableRoot)) {
            ScriptRun run = kit.run("shop/start.bas", "#workflow\n" + SCRIPT);

            assertThat(run.awaitResult()).isEqualTo(Value.text("packages/all.pdf"));
            assertThat(run.messages()).containsExactlyElementsOf(MESSAGES);
        }

        for (Path storage : List.of(directRoot, durableRoot)) {
            Path drive = storage.resolve("shop.gbai/shop.gbdrive");
            String invoice = text(drive.resolve("invoices/inv-007.pdf"));
            assertThat(lines(invoice))
                    .containsSubsequence(
                            "INVOICE",
                            "INV-2026-007",
                            "Customer: Ana Lima & family",
                            "Item Quantity Price",
                            "0. Consulting 10 $150",
                            "1. License 1 $500",
                            "Please pay by 2026-12-31",
                            "Note: <b>thanks</b>");
            assertThat(invoice)
                    .doesNotContain("Discount")
                    .doesNotContain("font-family")
                    .doesNotContain("ignored");

            String report = text(drive.resolve("reports/may.pdf"));
            assertThat(lines(report))
                    .containsSubsequence(
                            "Monthly Report",
                            "Period: May 2026",
                            "Metrics",
                            "• Orders: 42",
                            "Region Sales",
                            "North 1200",
                            "South 800");

            String all = text(drive.resolve("packages/all.pdf"));
            assertThat(all.indexOf("INVOICE")).isLessThan(all.indexOf("Monthly Report"));
        }
    }

    @Test
    void theCorpusFormNamesATemplateOfTheTemplatesFolderAndToConvertsAFile() throws Exception {
        Path storage = storage(root);
        String source = """
                data = #{ title: "Consents", period: "2026", metrics: [#{ name: "Given", value: 3 }], regions: [] }
                GENERATE PDF "reports/consents.pdf" WITH TEMPLATE "report" DATA data
                WRITE "# Notes\\n\\nPlain text, no placeholders." TO "temp/notes.md"
                GENERATE PDF "temp/notes.md" TO "temp/notes.pdf"
                ON ERROR RESUME NEXT
                GENERATE PDF "reports/x.pdf" WITH TEMPLATE "consent_report" DATA data
                TALK ERROR MESSAGE
                """;
        List<String> messages = DirectRun.of(
                        List.of(new PdfPlugin(), new FilesPlugin()),
                        Map.of("basicflow.files.root", storage.toString()),
                        "shop/c.bas",
                        source,
                        Map.of())
                .messages();

        assertThat(lines(text(storage.resolve("shop.gbai/shop.gbdrive/reports/consents.pdf"))))
                .startsWith("Consents", "Period: 2026", "Metrics", "\u2022 Given: 3");
        assertThat(lines(text(storage.resolve("shop.gbai/shop.gbdrive/temp/notes.pdf"))))
                .containsExactly("Notes", "Plain text, no placeholders.");
        assertThat(messages)
                .singleElement()
                .asString()
                .contains(
                        "TEMPLATE_NOT_FOUND 'templates/consent_report.html' or 'templates/consent_report.md' are not");
    }

    @Test
    void aGenerateWhoseCompletionWasLostWritesItsPdfOnce() throws Exception {
        Path storage = storage(root);
        String source = "#workflow\nr = GENERATE PDF \"templates/report.md\", #{ title: \"T\", period: \"P\","
                + " metrics: [], regions: [] }, \"out/r.pdf\"\nRETURN r.pages\n";
        try (BasicflowTestKit kit = kit(storage).crashAt(StepMatcher.effectStarted("GENERATE PDF"))) {
            ScriptRun run = kit.run("shop/r.bas", source);

            assertThat(run.awaitResult()).isEqualTo(Value.of(1));
            assertThat(kit.crashes()).isEqualTo(1);
            List<EffectCall> calls = kit.effectCalls("GENERATE PDF");
            assertThat(calls).hasSize(2);
            assertThat(calls)
                    .extracting(EffectCall::idempotencyKey)
                    .containsOnly(calls.getFirst().idempotencyKey());
        }
        Path out = storage.resolve("shop.gbai/shop.gbdrive/out");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("r.pdf"); // no .part left
        }
        assertThat(lines(text(out.resolve("r.pdf")))).startsWith("T", "Period: P");
    }

    @Test
    void aBrokenTemplateOrAMissingValueFailsTheStepWithItsLine() throws Exception {
        Path storage = storage(root);
        Files.writeString(
                storage.resolve("shop.gbai/shop.gbdrive/templates/broken.md"), "# {{title}}\n\n{{#each items}}\n- x\n");
        String source = """
                ON ERROR RESUME NEXT
                r = GENERATE PDF "templates/report.md", #{ title: "T" }, "out/r.pdf"
                TALK ERROR MESSAGE
                r = GENERATE PDF "templates/broken.md", #{ title: "T", items: [] }, "out/b.pdf"
                TALK ERROR MESSAGE
                r = GENERATE PDF "templates/none.html", #{ a: 1 }, "out/n.pdf"
                TALK ERROR MESSAGE
                r = GENERATE PDF "templates/report.md", #{ title: "T", period: "P", metrics: [], regions: [] }, "../x.pdf"
                TALK ERROR MESSAGE
                parts = ["templates/report.md"]
                r = MERGE PDF parts, "out/m.pdf"
                TALK ERROR MESSAGE
                """;
        List<String> messages = DirectRun.of(
                        List.of(new PdfPlugin(), new FilesPlugin()),
                        Map.of("basicflow.files.root", storage.toString()),
                        "shop/err.bas",
                        source,
                        Map.of())
                .messages();

        assertThat(messages).hasSize(5);
        assertThat(messages.get(0)).contains("MISSING_VARIABLE templates/report.md:3: {{period}}");
        assertThat(messages.get(1)).contains("INVALID_TEMPLATE templates/broken.md:3: {{#each items}} is never closed");
        assertThat(messages.get(2)).contains("TEMPLATE_NOT_FOUND 'templates/none.html'");
        assertThat(messages.get(3)).contains("PATH_TRAVERSAL").contains("../x.pdf");
        assertThat(messages.get(4)).contains("MERGE PDF: 'templates/report.md' is not a PDF");
        assertThat(storage.resolve("shop.gbai/shop.gbdrive/out")).doesNotExist();
    }

    @Test
    void anOutputOutOfTheStorageIsRefused() throws Exception {
        Path storage = storage(root);
        try (BasicflowTestKit kit = kit(storage)) {
            ScriptRun run = kit.run(
                    "shop/bad.bas",
                    "#workflow\nr = GENERATE PDF \"templates/report.md\", #{ title: \"T\", period: \"P\", metrics: [],"
                            + " regions: [] }, \"../../escape.pdf\"\n");

            run.awaitStatus(ExecutionStatus.FAILED);

            assertThat(run.error().orElseThrow().toString()).contains("PATH_TRAVERSAL");
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(f -> f.toString().endsWith(".pdf"))).isEmpty();
        }
    }

    /** A files root whose bot "shop" has the two templates. */
    private static Path storage(Path filesRoot) throws IOException {
        Path templates = Files.createDirectories(filesRoot.resolve("shop.gbai/shop.gbdrive/templates"));
        Files.writeString(templates.resolve("invoice.html"), INVOICE);
        Files.writeString(templates.resolve("report.md"), REPORT);
        return filesRoot;
    }

    private static BasicflowTestKit kit(Path filesRoot) {
        return BasicflowTestKit.withPlugins(new PdfPlugin(), new FilesPlugin())
                .configuration("files.root", filesRoot.toString());
    }

    static String text(Path pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(pdf))) {
            return new PDFTextStripper().getText(document);
        }
    }

    static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
