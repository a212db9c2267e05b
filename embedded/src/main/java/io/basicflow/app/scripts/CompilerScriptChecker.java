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

    /**
     * A checker over a compiler.
     *
     * @param compiler the compiler, with the catalogue of the installed plugins
     */
    public CompilerScriptChecker(ScriptService compiler) {
        this.compiler = requireNonNull(compiler, "compiler is null");
    }

    @Override
    public ScriptCheck check(String fileName, String source) {
        CompilationResult result = compiler.check(fileName, source);
        if (result.plan().isPresent()) {
            ScriptMode mode = switch (result.plan().get()) {
                case ExecutionPlan.Workflow ignored -> ScriptMode.WORKFLOW;
                case ExecutionPlan.Direct ignored -> ScriptMode.DIRECT;
            };
            return new ScriptCheck(
                    mode,
                    List.of(),
                    ScriptParameters.signature(fileName, result.plan().get().program()));
        }
        return new ScriptCheck(
                ScriptMode.declaredBy(source),
                result.diagnostics().stream()
                        .map(CompilerScriptChecker::diagnostic)
                        .toList());
    }

    private static ScriptDiagnostic diagnostic(Diagnostic diagnostic) {
        return new ScriptDiagnostic(
                ScriptDiagnostic.Severity.ERROR,
                diagnostic.file(),
                diagnostic.line(),
                diagnostic.column(),
                diagnostic.length(),
                diagnostic.message(),
                diagnostic.sourceLine(),
                diagnostic.category() == DiagnosticCategory.UNKNOWN ? diagnostic.subject() : Optional.empty());
    }
}
