package io.basicflow.app.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.basicflow.compiler.CompilationResult;
import io.basicflow.compiler.ExecutionPlan;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.compiler.diagnostics.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The real compiler behind the scripts port. */
class CompilerScriptCheckerTest {

    private static final ScriptService COMPILER = new ScriptService(KeywordCatalogue.of(new CorePlugin()));
    private static final CompilerScriptChecker CHECKER = new CompilerScriptChecker(COMPILER);

    @Test
    void aWorkflowScriptCompilesAsAWorkflow() {
        ScriptCheck check =
                CHECKER.check("ticket.bas", "#workflow\nTALK \"Your name?\"\nHEAR name\nTALK \"Hi \" + name\n");

        assertThat(check.compiles()).isTrue();
        assertThat(check.mode()).isEqualTo(ScriptMode.WORKFLOW);
        assertThat(check.diagnostics()).isEmpty();
    }

    @Test
    void aScriptWithoutThePragmaCompilesAsDirect() {
        ScriptCheck check = CHECKER.check("hello.bas", "TALK \"hello\"\n");

        assertThat(check.compiles()).isTrue();
        assertThat(check.mode()).isEqualTo(ScriptMode.DIRECT);
    }

    @Test
    void errorsCarryTheCompilersPositionsAndPrintExactlyAsTheCompilerPrintsThem() {
        String source = "#workflow\nTALK \"one\"\nFROBNICATE 3, 4\nIF x THEN\n";

        ScriptCheck check = CHECKER.check("broken.bas", source);

        assertThat(check.compiles()).isFalse();
        assertThat(check.mode()).isEqualTo(ScriptMode.WORKFLOW);
        List<Diagnostic> expected = COMPILER.check("broken.bas", source).diagnostics();
        assertThat(check.diagnostics()).hasSameSizeAs(expected).isNotEmpty();
        for (int i = 0; i < expected.size(); i++) {
            ScriptDiagnostic diagnostic = check.diagnostics().get(i);
            assertThat(diagnostic.severity()).isEqualTo(ScriptDiagnostic.Severity.ERROR);
            assertThat(diagnostic.file()).isEqualTo("broken.bas");
            assertThat(diagnostic.line()).isEqualTo(expected.get(i).line());
            assertThat(diagnostic.column()).isEqualTo(expected.get(i).column());
            assertThat(diagnostic.formatted()).isEqualTo(expected.get(i).format());
        }
        assertThat(check.diagnostics().getFirst().message()).contains("FROBNICATE");
    }

    @Test
    void theCorpusPrintsTheSameDiagnosticsThroughThePort() throws IOException {
        String corpus = System.getProperty("basicflow.corpus");
        assumeTrue(corpus != null && Files.isDirectory(Path.of(corpus)), "the corpus folder is absent");
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(Path.of(corpus))) {
            scripts = files.filter(file -> file.toString().endsWith(".bas"))
                    .sorted()
                    .toList();
        }
        assumeTrue(!scripts.isEmpty(), "the corpus has no scripts");

        for (Path script : scripts) {
            String name = script.getFileName().toString();
            String source = Files.readString(script, StandardCharsets.UTF_8);
            CompilationResult compiled = COMPILER.check(name, source);
            ScriptCheck check = CHECKER.check(name, source);

            assertThat(check.compiles()).as(name).isEqualTo(compiled.succeeded());
            assertThat(check.diagnostics().stream()
                            .map(ScriptDiagnostic::formatted)
                            .toList())
                    .as(name)
                    .isEqualTo(compiled.diagnostics().stream()
                            .map(Diagnostic::format)
                            .toList());
            if (compiled.plan().isPresent()) {
                assertThat(check.mode())
                        .as(name)
                        .isEqualTo(
                                compiled.plan().get() instanceof ExecutionPlan.Workflow
                                        ? ScriptMode.WORKFLOW
                                        : ScriptMode.DIRECT);
            }
        }
    }

    @Test
    void aScriptCallingLlmWithoutAnEndpointCompilesWithAWarningAtTheCall() {
        ScriptService compiler =
                new ScriptService(KeywordCatalogue.of(new CorePlugin(), new io.basicflow.ai.AiPlugin()));
        String source = "#workflow\nHEAR q\nanswer = LLM q\nTALK answer\n";

        ScriptCheck unconfigured = new CompilerScriptChecker(compiler, java.util.Map.of()).check("ask.bas", source);
        ScriptCheck configured = new CompilerScriptChecker(
                        compiler, java.util.Map.of("basicflow.ai.base-url", "http://127.0.0.1:9/v1"))
                .check("ask.bas", source);

        assertThat(unconfigured.compiles()).isTrue();
        assertThat(unconfigured.diagnostics()).hasSize(1);
        ScriptDiagnostic warning = unconfigured.diagnostics().getFirst();
        assertThat(warning.severity()).isEqualTo(ScriptDiagnostic.Severity.WARNING);
        assertThat(warning.line() + ":" + warning.column()).isEqualTo("3:1");
        assertThat(warning.message()).startsWith("LLM needs basicflow.ai.base-url");
        assertThat(configured.diagnostics()).isEmpty();
    }
}
