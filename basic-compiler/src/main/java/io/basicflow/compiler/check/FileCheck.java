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
 * @param warnings what compiles but is probably a mistake
 */
public record FileCheck(String file, int lines, List<Diagnostic> diagnostics, List<Diagnostic> warnings) {

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
        warnings = List.copyOf(warnings);
    }

    /**
     * The check of a script without warnings.
     *
     * @param file not null
     * @param lines at least 0
     * @param diagnostics not null
     */
    public FileCheck(String file, int lines, List<Diagnostic> diagnostics) {
        this(file, lines, diagnostics, List.of());
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
