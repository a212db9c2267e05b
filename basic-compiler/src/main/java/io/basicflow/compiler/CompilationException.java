package io.basicflow.compiler;

import io.basicflow.compiler.diagnostics.Diagnostic;
import java.util.List;

/** A script did not compile. The message holds every diagnostic as a compiler prints it. */
public final class CompilationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    /**
     * Creates the exception.
     *
     * @param diagnostics the errors, at least one
     */
    public CompilationException(List<Diagnostic> diagnostics) {
        super(format(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /**
     * The errors.
     *
     * @return the diagnostics, by line and column
     */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    static String format(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic diagnostic : diagnostics) {
            if (!out.isEmpty()) {
                out.append("\n\n");
            }
            out.append(diagnostic.format());
        }
        return out.toString();
    }
}
