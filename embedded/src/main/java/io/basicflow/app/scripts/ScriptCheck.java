package io.basicflow.app.scripts;

import static java.util.Objects.requireNonNull;

import io.basicflow.tools.ToolSignature;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of compile-checking a script.
 *
 * @param mode what the script would run as
 * @param diagnostics every finding, errors first in source order
 * @param parameters the script's {@code PARAM}s as a signature, when it compiles and they make one;
 *     a start checks its variables against them
 */
public record ScriptCheck(ScriptMode mode, List<ScriptDiagnostic> diagnostics, Optional<ToolSignature> parameters) {

    /**
     * Validates and copies the parts.
     *
     * @param mode not null
     * @param diagnostics not null
     * @param parameters not null
     */
    public ScriptCheck {
        requireNonNull(mode, "mode is null");
        diagnostics = List.copyOf(diagnostics);
        requireNonNull(parameters, "parameters is null");
    }

    /**
     * An outcome without parameters.
     *
     * @param mode what the script would run as
     * @param diagnostics every finding
     */
    public ScriptCheck(ScriptMode mode, List<ScriptDiagnostic> diagnostics) {
        this(mode, diagnostics, Optional.empty());
    }

    /**
     * Whether the script compiles.
     *
     * @return true when no diagnostic is an error
     */
    public boolean compiles() {
        return diagnostics.stream().noneMatch(d -> d.severity() == ScriptDiagnostic.Severity.ERROR);
    }
}
