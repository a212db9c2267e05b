package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our own bad scripts in {@code src/test/resources/diagnostics}, each with the exact output the
 * compiler must print for it ({@code name.expected}). To regenerate after an intended change, run with
 * {@code -Dbasicflow.golden.update=true} and review the diff.
 */
class GoldenDiagnosticsTest {

    static Path folder() throws URISyntaxException {
        return Path.of(GoldenDiagnosticsTest.class.getResource("/diagnostics").toURI());
    }

    static List<Path> scripts() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(p -> p.toString().endsWith(".bas")).sorted().toList();
        }
    }

    private static String name(Path script) {
        return script.getFileName().toString();
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void theCompilerPrintsExactlyTheExpectedDiagnostics(Path script) throws IOException {
        String source = Files.readString(script, StandardCharsets.UTF_8);
        CompilationResult result = Scripts.SERVICE.check(name(script), source);
        String actual = result.format() + "\n";
        Path expected = script.resolveSibling(name(script).replace(".bas", ".expected"));
        if (Boolean.getBoolean("basicflow.golden.update")) {
            Path root = Path.of(System.getProperty("basicflow.root"), "basic-compiler/src/test/resources/diagnostics");
            Files.writeString(root.resolve(expected.getFileName()), actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(result.succeeded())
                .as("a golden script must fail to compile")
                .isFalse();
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    @Test
    void everyKindOfDiagnosticHasAGoldenScript() throws IOException, URISyntaxException {
        Set<DiagnosticKind> seen = EnumSet.noneOf(DiagnosticKind.class);
        for (Path script : scripts()) {
            Scripts.SERVICE.check(name(script), Files.readString(script, StandardCharsets.UTF_8)).diagnostics().stream()
                    .map(Diagnostic::kind)
                    .forEach(seen::add);
        }

        // INTERNAL_ERROR is the safety net for compiler bugs: no input may produce it (see CompilerFuzzTest);
        // UNASSIGNED_RETURN is a warning, never an error (see GeneralBotsFormsTest); MISSING_CONFIGURATION is
        // a warning of the settings check, not of compiling (see check.ConfigurationCheckTest)
        assertThat(EnumSet.complementOf(EnumSet.copyOf(seen)))
                .containsExactlyInAnyOrder(
                        DiagnosticKind.INTERNAL_ERROR,
                        DiagnosticKind.UNASSIGNED_RETURN,
                        DiagnosticKind.MISSING_CONFIGURATION);
    }

    @Test
    void aFileWithManyErrorsReportsEachOfThemNotOnlyTheFirst() throws IOException, URISyntaxException {
        String source = Files.readString(folder().resolve("multiple-errors.bas"), StandardCharsets.UTF_8);

        assertThat(Scripts.SERVICE.check("multiple-errors.bas", source).diagnostics())
                .extracting(Diagnostic::line)
                .hasSizeGreaterThanOrEqualTo(5)
                .doesNotHaveDuplicates();
    }
}
