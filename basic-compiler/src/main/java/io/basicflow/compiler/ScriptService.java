package io.basicflow.compiler;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.parser.ScriptParser;
import java.util.List;
import java.util.Optional;

/**
 * Compiles BASIC scripts into {@link ExecutionPlan}s. Keyword names, arities, functions and input
 * types come from the {@link KeywordCatalogue}. Thread-safe: it holds no state besides the catalogue.
 */
public final class ScriptService {

    private static final String DEFAULT_NAME = "script.bas";

    private final KeywordCatalogue catalogue;

    /**
     * A compiler for the keywords, functions and input types of a catalogue.
     *
     * @param catalogue what the installed plugins provide
     */
    public ScriptService(KeywordCatalogue catalogue) {
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
    }

    /**
     * The catalogue this service compiles against.
     *
     * @return the catalogue
     */
    public KeywordCatalogue catalogue() {
        return catalogue;
    }

    /**
     * Compiles a script named {@code script.bas}.
     *
     * @param source the script's text
     * @return the plan
     * @throws CompilationException when the script has errors; it carries all of them
     */
    public ExecutionPlan compile(String source) {
        return compile(DEFAULT_NAME, source);
    }

    /**
     * Compiles a script.
     *
     * @param name the script's name for messages, usually its path
     * @param source the script's text
     * @return {@link ExecutionPlan.Workflow} when the first non-comment line is {@code #workflow}, else
     *     {@link ExecutionPlan.Direct}
     * @throws CompilationException when the script has errors; it carries all of them
     */
    public ExecutionPlan compile(String name, String source) {
        CompilationResult result = check(name, source);
        return result.plan().orElseThrow(() -> new CompilationException(result.diagnostics()));
    }

    /**
     * Compiles a script and reports the outcome; never throws, whatever the text.
     *
     * @param name the script's name for messages, usually its path
     * @param source the script's text
     * @return the plan, or every diagnostic
     */
    public CompilationResult check(String name, String source) {
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
        try {
            ScriptParser.Result parsed = ScriptParser.parse(name, source, catalogue);
            List<Diagnostic> inHandlers = EventHandlers.diagnostics(name, source, catalogue);
            if (!inHandlers.isEmpty()) {
                List<Diagnostic> all = new java.util.ArrayList<>(parsed.diagnostics());
                all.addAll(inHandlers);
                return new CompilationResult(Optional.empty(), all);
            }
            if (parsed.program().isPresent()) {
                ExecutionPlan plan =
                        parsed.workflow() || orchestrated(parsed.program().get())
                                ? new ExecutionPlan.Workflow(parsed.program().get())
                                : new ExecutionPlan.Direct(parsed.program().get());
                return new CompilationResult(Optional.of(plan), List.of(), parsed.warnings());
            }
            return new CompilationResult(Optional.empty(), parsed.diagnostics());
        } catch (RuntimeException | StackOverflowError e) {
            // never expected: the fuzz tests check that this does not happen
            return new CompilationResult(
                    Optional.empty(),
                    List.of(new Diagnostic(
                            name,
                            1,
                            1,
                            1,
                            DiagnosticKind.INTERNAL_ERROR,
                            "internal compiler error (" + e + "); please report it with this script",
                            source.lines().findFirst().orElse(""),
                            Optional.empty())));
        }
    }

    /** {@code ORCHESTRATE WORKFLOW} at top level makes a script durable, with or without {@code #workflow}. */
    private static boolean orchestrated(io.basicflow.spi.program.Program program) {
        for (io.basicflow.spi.program.Step step : program.body()) {
            if (step instanceof io.basicflow.spi.program.Step.Orchestrate orchestrate
                    && orchestrate.action() instanceof io.basicflow.spi.program.Orchestration.Workflow) {
                return true;
            }
        }
        return false;
    }
}
