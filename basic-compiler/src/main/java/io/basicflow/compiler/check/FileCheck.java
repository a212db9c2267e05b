package io.basicflow.compiler.check;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticCategory;
import java.util.List;

/**
 * The check of one script.
 *
 * @param file the script's path as shown to the user
 * @param lines the number of lines of the script
 * @param diagnostics its errors, empty when it compiles
 */
public record FileCheck(String file, int lines, List<Diagnostic> diagnostics) {

    /**
     * Validates and copies the parts.
     *
     * @param file not null
     * @param lines at least 0
     * @param diagnostics not null
     */
    public FileCheck {
        requireNonNull(file, "file is null");
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * How the script came out.
     *
     * @return compiles, syntax errors, or unknown names only
     */
    public FileStatus status() {
        if (diagnostics.isEmpty()) {
            return FileStatus.COMPILES;
        }
        boolean syntax = diagnostics.stream().anyMatch(d -> d.category() == DiagnosticCategory.SYNTAX);
        return syntax ? FileStatus.SYNTAX_ERRORS : FileStatus.UNKNOWN_NAMES_ONLY;
    }
}
