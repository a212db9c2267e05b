package io.basicflow.app.scripts;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of compile-checking a script.
 *
 * @param mode what the script would run as
 * @param diagnostics every finding, errors first in source order
 */
public record ScriptCheck(ScriptMode mode, List<ScriptDiagnostic> diagnostics) {

    /**
     * Validates and copies the parts.
     *
     * @param mode not null
     * @param diagnostics not null
     */
    public ScriptCheck {
        requireNonNull(mode, "mode is null");
        diagnostics = List.copyOf(diagnostics);
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
