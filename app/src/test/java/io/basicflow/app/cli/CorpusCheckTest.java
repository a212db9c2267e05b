package io.basicflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code basicflow check ../shared/corpus} with the plugins the app ships (core, mail, tools, the
 * example plugin): the 82 real scripts written by others. Skipped when the corpus is absent.
 */
class CorpusCheckTest {

    /**
     * Pseudo-code (ORCHESTRATE WORKFLOW / STEP n:), one script whose FOR loops do not balance, and
     * scripts that use the HTTP keywords in forms basicflow does not accept (see below).
     */
    private static final List<String> KNOWN_BROKEN = List.of(
            // END FOR at line 51 closes no FOR: the script itself is unbalanced
            "core/api-client.gbai/api-client.gbdialog/msft-partner-center.bas");

    @Test
    void everyCorpusFileButThePseudoCodeAndTheUnbalancedOneIsFreeOfSyntaxErrors() {
        // The corpus lies beside the repository (../shared/corpus from its root, so ../../shared/corpus from
        // this module's folder, where the tests run); -Dbasicflow.corpus names another place.
        String property = System.getProperty("basicflow.corpus");
        Path corpus = property != null
                ? Path.of(property)
                : Files.isDirectory(Path.of("../../shared/corpus"))
                        ? Path.of("../../shared/corpus")
                        : Path.of("../shared/corpus");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "the corpus folder " + corpus + " is absent");
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            status = Main.execute("check", corpus.toString());
        } finally {
            System.setOut(original);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        String[] lines = report.strip().split("\n");
        String summary = lines[lines.length - 1];
        System.out.println(summary);

        Matcher matcher = Pattern.compile(
                        "checked (\\d+) files: (\\d+) compile, (\\d+) with syntax errors, (\\d+) with unknown keywords only")
                .matcher(summary);
        assertThat(matcher.matches()).as(summary).isTrue();
        assertThat(Integer.parseInt(matcher.group(1))).isEqualTo(82);
        assertThat(Integer.parseInt(matcher.group(3))).isEqualTo(KNOWN_BROKEN.size());
        assertThat(status).isEqualTo(1);
        for (String broken : KNOWN_BROKEN) {
            assertThat(report).contains(broken + ": ");
        }
        // SEND MAIL and the tool keywords come from the installed plugins, so they are not unknown.
        assertThat(report)
                .doesNotContainPattern("(?m)^\\s+\\d+\\s+SEND MAIL$")
                .doesNotContainPattern("(?m)^\\s+\\d+\\s+ADD TOOL$");
    }
}
