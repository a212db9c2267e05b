package io.basicflow.compiler;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticCategory;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of checking a script: the plan when it compiles, else every diagnostic.
 *
 * @param plan the plan, present exactly when there are no diagnostics
 * @param diagnostics the errors, by line and column
 */
public record CompilationResult(Optional<ExecutionPlan> plan, List<Diagnostic> diagnostics, List<Diagnostic> warnings) {

    /**
     * Validates and copies the parts.
     *
     * @param plan not null
     * @param diagnostics not null
     */
    public CompilationResult {
        requireNonNull(plan, "plan is null");
        diagnostics = List.copyOf(diagnostics);
        warnings = List.copyOf(warnings);
        if (plan.isPresent() != diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a plan exists exactly when there are no diagnostics");
        }
    }

    /**
     * Whether the script compiled.
     *
     * @return whether there is a plan
     */
    /**
     * A result without warnings.
     *
     * @param plan the plan, present exactly when there are no diagnostics
     * @param diagnostics the errors
     */
    public CompilationResult(Optional<ExecutionPlan> plan, List<Diagnostic> diagnostics) {
        this(plan, diagnostics, List.of());
    }

    public boolean succeeded() {
        return plan.isPresent();
    }

    /**
     * Whether any diagnostic is a syntax error (as opposed to a name no plugin provides).
     *
     * @return whether the script itself must change
     */
    public boolean hasSyntaxErrors() {
        return diagnostics.stream().anyMatch(d -> d.category() == DiagnosticCategory.SYNTAX);
    }

    /**
     * All diagnostics as a compiler prints them, separated by blank lines.
     *
     * @return the formatted diagnostics, empty when there are none
     */
    public String format() {
        return CompilationException.format(diagnostics);
    }
}
