package io.basicflow.compiler.parser;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.Lexer;
import io.basicflow.compiler.lexer.SourceText;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.ScriptQuotas;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Parses one script into a {@link Program}, collecting every diagnostic instead of stopping at the
 * first. Used by {@link io.basicflow.compiler.ScriptService}; other code should call that.
 */
public final class ScriptParser {

    private ScriptParser() {}

    /**
     * The outcome of parsing one script.
     *
     * @param program the program, present when there is no diagnostic
     * @param workflow whether the first non-comment line is {@code #workflow}
     * @param diagnostics every error found, by line and column
     * @param warnings what compiles but is probably a mistake (a RETURN of a never-assigned variable)
     */
    public record Result(
            Optional<Program> program, boolean workflow, List<Diagnostic> diagnostics, List<Diagnostic> warnings) {
        /**
         * Validates and copies the parts.
         *
         * @param program not null
         * @param workflow the flag
         * @param diagnostics not null
         */
        public Result {
            requireNonNull(program, "program is null");
            diagnostics = List.copyOf(diagnostics);
            warnings = List.copyOf(warnings);
        }

        /**
         * A result without warnings.
         *
         * @param program not null
         * @param workflow the flag
         * @param diagnostics not null
         */
        public Result(Optional<Program> program, boolean workflow, List<Diagnostic> diagnostics) {
            this(program, workflow, diagnostics, List.of());
        }
    }

    /**
     * Whether {@code WORD_WORD} names a keyword of the catalogue written with underscores: its words
     * joined by spaces are a keyword's name, and no keyword's name begins with it as written.
     */
    private static boolean underscoredKeyword(KeywordCatalogue catalogue, String underscored) {
        return catalogue.keywordsStartingWith(underscored).isEmpty()
                && catalogue.keyword(underscored.replace('_', ' ')).isPresent();
    }

    /**
     * Parses a script.
     *
     * @param name the script's name for messages and for the program
     * @param source the script's text
     * @param catalogue what the installed plugins provide
     * @return the program or the diagnostics; never throws for any text
     */
    public static Result parse(String name, String source, KeywordCatalogue catalogue) {
        SourceText text = new SourceText(name, source);
        ParseContext ctx = new ParseContext(
                text,
                new TokenStream(new Lexer(text), underscored -> underscoredKeyword(catalogue, underscored)),
                catalogue);
        Program program = null;
        try {
            for (int line : ctx.outline.strayPragmaLines()) {
                int start = text.lineStart(line);
                ctx.report(
                        DiagnosticKind.MISPLACED_STATEMENT,
                        start,
                        text.lineEnd(line),
                        "#workflow must be the first line of the script that is not a comment");
            }
            ScriptQuotas quotas = QuotaPragmas.read(text, ctx);
            program = new StatementParser(ctx).parseProgram(name).withQuotas(quotas);
        } catch (ParseAbort e) {
            program = null;
        }
        List<Diagnostic> diagnostics = new ArrayList<>(ctx.sink.diagnostics());
        diagnostics.sort(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        boolean failed = !diagnostics.isEmpty() || program == null;
        List<Diagnostic> warnings = failed ? List.of() : UnassignedReturns.warnings(program, ctx);
        return new Result(
                failed ? Optional.empty() : Optional.of(program), ctx.outline.isWorkflow(), diagnostics, warnings);
    }
}
