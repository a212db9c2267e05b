package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.check.CheckReport;
import io.basicflow.compiler.check.FileCheck;
import io.basicflow.compiler.check.FileStatus;
import io.basicflow.compiler.check.ScriptChecker;
import io.basicflow.compiler.testing.TestPlugins;
import io.basicflow.spi.KeywordPlugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code basicflow check} over the real scripts in {@code ../shared/corpus} (skipped when absent).
 * Every file is free of syntax errors except these, each for a reason in the script itself:
 *
 * <ul>
 *   <li>the two {@code ai/} orchestration scripts whose {@code LLM "…"} calls continue on lines of
 *       {@code WITH OPTIMIZE FOR "x"} / {@code WITH MAX_COST n} clauses, which no keyword takes yet (the
 *       other two orchestration scripts compile with unknown keywords only: {@code STEP n: HUMAN
 *       APPROVAL}, {@code ON EVENT}, {@code BOT SHARE MEMORY}, … see docs/orchestration.md);
 *   <li>{@code msft-partner-center.bas}, which closes its two FOR loops with three {@code END FOR}: no
 *       single reading of its nesting exists.
 * </ul>
 *
 * <p>{@code data-sync.bas} writes {@code JOIN orders, customers, "customer_id"}: a keyword (no
 * parentheses) with arguments the built-in function {@code JOIN(list[, separator])} cannot take, so
 * it is reported as an unknown keyword a plugin could provide, not as a syntax error.
 */
class CorpusTest {

    private static final List<String> PSEUDO_CODE = List.of(
            "ai/content-moderation.gbai/content-moderation.bas", "ai/marketing-campaign.gbai/marketing-campaign.bas");

    private static final String UNBALANCED_FOR = "core/api-client.gbai/api-client.gbdialog/msft-partner-center.bas";

    private static final String THREE_ARGUMENT_JOIN = "communications/office.gbai/office.gbdialog/data-sync.bas";

    private static final List<String> MAILS_WITHOUT_BODY = List.of(
            "core/bling.gbai/bling.gbdialog/sync-accounts.bas",
            "core/bling.gbai/bling.gbdialog/sync-erp.bas",
            "core/bling.gbai/bling.gbdialog/sync-inventory.bas",
            "core/bling.gbai/bling.gbdialog/sync-suppliers.bas");

    private static Path corpus() {
        Path corpus = Path.of(System.getProperty("basicflow.corpus", "../shared/corpus"));
        Assumptions.assumeTrue(Files.isDirectory(corpus), "the corpus folder " + corpus + " is absent");
        return corpus;
    }

    /** The plugins on this module's class path; the test stand-in for built-ins until the core plugin is there. */
    private static KeywordCatalogue installed() {
        KeywordCatalogue discovered = KeywordCatalogue.discover(CorpusTest.class.getClassLoader());
        if (discovered.function("LEN").isPresent()) {
            return discovered;
        }
        List<KeywordPlugin> plugins = new ArrayList<>(discovered.plugins());
        plugins.add(TestPlugins.builtins());
        return KeywordCatalogue.of(plugins);
    }

    private static CheckReport check(KeywordCatalogue catalogue, String reportName) throws IOException {
        Path corpus = corpus();
        CheckReport report = new ScriptChecker(new ScriptService(catalogue)).check(List.of(corpus));
        String text = report.format();
        Path target = Path.of(System.getProperty("basicflow.root", "."), "basic-compiler/target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve(reportName), text, StandardCharsets.UTF_8);
        }
        System.out.println(report.summary());
        System.out.println("unknown names by frequency (files with no other problem), top 20:");
        report.unknownNames().entrySet().stream()
                .limit(20)
                .forEach(e -> System.out.printf("%6d  %s%n", e.getValue(), e.getKey()));
        return report;
    }

    private static Set<String> filesWithSyntaxErrors(CheckReport report) {
        Path corpus = corpus();
        Set<String> files = new LinkedHashSet<>();
        for (FileCheck file : report.files()) {
            if (file.status() == FileStatus.SYNTAX_ERRORS) {
                files.add(corpus.relativize(Path.of(file.file())).toString().replace('\\', '/'));
            }
        }
        return files;
    }

    @Test
    void everyFileButTheKnownBrokenOnesIsFreeOfSyntaxErrors() throws IOException {
        KeywordCatalogue catalogue = installed();
        CheckReport report = check(catalogue, "corpus-check.txt");

        Set<String> expected = new LinkedHashSet<>(PSEUDO_CODE);
        expected.add(UNBALANCED_FOR);
        assertThat(report.files()).hasSize(82);
        assertThat(report.files().stream()
                        .filter(file -> file.file().endsWith(THREE_ARGUMENT_JOIN))
                        .findFirst()
                        .orElseThrow()
                        .status())
                .isNotEqualTo(FileStatus.SYNTAX_ERRORS);
        assertThat(filesWithSyntaxErrors(report)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(report.compiling() + report.withUnknownNamesOnly()).isEqualTo(82 - expected.size());
        assertThat(report.summary()).startsWith("checked 82 files: ");
    }

    @Test
    void withTheMailAndToolsPluginsTwoArgumentMailsCompileWithAnEmptyBody() throws IOException {
        List<KeywordPlugin> plugins = new ArrayList<>(installed().plugins());
        plugins.add(TestPlugins.mail());
        plugins.add(TestPlugins.tools());
        KeywordCatalogue catalogue = KeywordCatalogue.of(plugins);
        CheckReport report = check(catalogue, "corpus-check-with-mail-and-tools.txt");

        Set<String> expected = new LinkedHashSet<>(PSEUDO_CODE);
        expected.add(UNBALANCED_FOR);
        assertThat(filesWithSyntaxErrors(report))
                .containsExactlyInAnyOrderElementsOf(expected)
                .doesNotContainAnyElementsOf(MAILS_WITHOUT_BODY);
        Map<String, Integer> unknown = report.allUnknownNames();
        assertThat(unknown)
                .containsKey("SEND MAIL ATTACHMENT")
                .doesNotContainKey("SEND MAIL")
                .doesNotContainKey("ADD TOOL");
    }
}
