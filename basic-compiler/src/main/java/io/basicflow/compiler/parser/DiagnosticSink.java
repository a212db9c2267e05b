package io.basicflow.compiler.parser;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.SourceText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects the diagnostics of one script, turning offsets into lines and columns. */
final class DiagnosticSink {

    /** After this many errors the compiler stops: the rest would mostly be consequences. */
    static final int MAX_DIAGNOSTICS = 200;

    private final SourceText source;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    DiagnosticSink(SourceText source) {
        this.source = source;
    }

    /** Records a diagnostic for the text between two offsets. */
    void report(DiagnosticKind kind, int start, int end, String message) {
        report(kind, start, end, message, null);
    }

    /** Records a diagnostic about an unknown name, counted by {@code basicflow check}. */
    void report(DiagnosticKind kind, int start, int end, String message, String subject) {
        if (diagnostics.size() >= MAX_DIAGNOSTICS) {
            throw ParseAbort.INSTANCE;
        }
        int line = source.lineOf(start);
        int lineStart = source.lineStart(line);
        int lineEnd = source.lineEnd(line);
        int column = Math.min(start, Math.max(lineStart, lineEnd)) - lineStart + 1;
        int length = Math.max(1, Math.min(end, lineEnd) - start);
        diagnostics.add(new Diagnostic(
                source.name(),
                line,
                Math.max(1, column),
                length,
                kind,
                message,
                source.lineText(line),
                Optional.ofNullable(subject)));
        if (diagnostics.size() == MAX_DIAGNOSTICS) {
            diagnostics.add(new Diagnostic(
                    source.name(),
                    line,
                    Math.max(1, column),
                    length,
                    DiagnosticKind.TOO_MANY_ERRORS,
                    "too many errors (" + MAX_DIAGNOSTICS + "); stopped compiling this file",
                    source.lineText(line),
                    Optional.empty()));
            throw ParseAbort.INSTANCE;
        }
    }

    /** A position to roll back to when a tentative parse fails. */
    int mark() {
        return diagnostics.size();
    }

    /** Forgets the diagnostics recorded since a mark. */
    void rollback(int mark) {
        while (diagnostics.size() > mark) {
            diagnostics.removeLast();
        }
    }

    boolean isEmpty() {
        return diagnostics.isEmpty();
    }

    List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }
}
