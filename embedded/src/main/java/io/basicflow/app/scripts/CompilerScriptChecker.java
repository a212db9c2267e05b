package io.basicflow.app.scripts;

import static java.util.Objects.requireNonNull;

import io.basicflow.app.tools.ScriptParameters;
import io.basicflow.compiler.CompilationResult;
import io.basicflow.compiler.ExecutionPlan;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticCategory;
import java.util.List;
import java.util.Optional;

/**
 * The basic-compiler as a {@link ScriptChecker}: a script that compiles has the mode of its plan;
 * one that does not has the mode its {@code #workflow} line declares and every compiler diagnostic,
 * each an error.
 */
public final class CompilerScriptChecker implements ScriptChecker {

    private final ScriptService compiler;
    private final Optional<io.basicflow.compiler.check.ConfigurationCheck> configuration;

    /**
     * A checker over a compiler.
     *
     * @param compiler the compiler, with the catalogue of the installed plugins
     */
    public CompilerScriptChecker(ScriptService compiler) {
        this.compiler = requireNonNull(compiler, "compiler is null");
        this.configuration = Optional.empty();
    }

    /**
     * A checker over a compiler that also warns, at the first call, of keywords whose settings are not
     * configured ({@link io.basicflow.compiler.check.ConfigurationCheck}).
     *
     * @param compiler the compiler, with the catalogue of the installed plugins
     * @param settings every setting in force, by full key
     */
    public CompilerScriptChecker(ScriptService compiler, java.util.Map<String, String> settings) {
        this.compiler = requireNonNull(compiler, "compiler is null");
        this.configuration =
                Optional.of(new io.basicflow.compiler.check.ConfigurationCheck(compiler.catalogue(), settings));
    }

    @Override
    public ScriptCheck check(String fileName, String source) {
        CompilationResult result = compiler.check(fileName, source);
        if (result.plan().isPresent()) {
            ScriptMode mode = switch (result.plan().get()) {
                case ExecutionPlan.Workflow ignored -> ScriptMode.WORKFLOW;
                case ExecutionPlan.Direct ignored -> ScriptMode.DIRECT;
            };
            List<ScriptDiagnostic> warnings = configuration
                    .map(check ->
                            check.check(fileName, source, result.plan().get().program()))
                    .orElse(List.of())
                    .stream()
                    .map(d -> diagnostic(ScriptDiagnostic.Severity.WARNING, d))
                    .toList();
            return new ScriptCheck(
                    mode,
                    warnings,
                    ScriptParameters.signature(fileName, result.plan().get().program()));
        }
        return new ScriptCheck(
                ScriptMode.declaredBy(source),
                result.diagnostics().stream()
                        .map(d -> diagnostic(ScriptDiagnostic.Severity.ERROR, d))
                        .toList());
    }

    private static ScriptDiagnostic diagnostic(ScriptDiagnostic.Severity severity, Diagnostic diagnostic) {
        return new ScriptDiagnostic(
                severity,
                diagnostic.file(),
                diagnostic.line(),
                diagnostic.column(),
                diagnostic.length(),
                diagnostic.message(),
                diagnostic.sourceLine(),
                diagnostic.category() == DiagnosticCategory.UNKNOWN ? diagnostic.subject() : Optional.empty());
    }
}
