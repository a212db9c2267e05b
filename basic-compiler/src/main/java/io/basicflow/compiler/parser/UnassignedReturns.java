package io.basicflow.compiler.parser;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Procedure;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The compile-time warning for {@code RETURN x} where no statement of the script ever gives {@code x}
 * a value (no assignment, {@code HEAR}, {@code FOR}, {@code PARAM}, procedure parameter, keyword or
 * call result): the script would silently return {@code NULL}. A warning, not an error: the script
 * still compiles and runs.
 */
final class UnassignedReturns {

    private UnassignedReturns() {}

    static List<Diagnostic> warnings(Program program, ParseContext ctx) {
        Set<String> assigned = new HashSet<>();
        List<Step.Return> returns = new ArrayList<>();
        walk(program.body(), assigned, returns);
        for (Procedure procedure : program.procedures().values()) {
            assigned.addAll(procedure.parameters());
            walk(procedure.body(), assigned, returns);
        }
        List<Diagnostic> warnings = new ArrayList<>();
        for (Step.Return ret : returns) {
            if (ret.value().isPresent()
                    && ret.value().get().tree() instanceof Expr.Variable variable
                    && !assigned.contains(variable.name())
                    && !variable.name().startsWith("$")) {
                var span = ret.value().get().span();
                warnings.add(new Diagnostic(
                        ctx.source.name(),
                        span.line(),
                        span.column(),
                        Math.max(1, span.endLine() == span.line() ? span.endColumn() - span.column() : 1),
                        DiagnosticKind.UNASSIGNED_RETURN,
                        "RETURN " + variable.name() + " returns NULL: no statement of the script assigns "
                                + variable.name() + " (a misspelt name?)",
                        ctx.source.lineText(span.line()),
                        Optional.of(variable.name())));
            }
        }
        return warnings;
    }

    private static void walk(List<Step> steps, Set<String> assigned, List<Step.Return> returns) {
        for (Step step : steps) {
            switch (step) {
                case Step.Assign s -> add(assigned, s.target());
                case Step.Hear s -> add(assigned, s.target());
                case Step.With s -> add(assigned, s.target());
                case Step.ForEach s -> {
                    assigned.add(s.variable());
                    walk(s.body(), assigned, returns);
                }
                case Step.ForRange s -> {
                    assigned.add(s.variable());
                    walk(s.body(), assigned, returns);
                }
                case Step.DoLoop s -> walk(s.body(), assigned, returns);
                case Step.If s -> {
                    s.branches().forEach(branch -> walk(branch.body(), assigned, returns));
                    walk(s.otherwise(), assigned, returns);
                }
                case Step.Select s -> {
                    s.cases().forEach(c -> walk(c.body(), assigned, returns));
                    walk(s.otherwise(), assigned, returns);
                }
                case Step.Param s -> assigned.add(s.name());
                case Step.CallProcedure s -> s.result().ifPresent(t -> add(assigned, t));
                case Step.CallScript s -> s.result().ifPresent(t -> add(assigned, t));
                case Step.UseTool s -> s.result().ifPresent(t -> add(assigned, t));
                case Step.Invoke s -> s.result().ifPresent(t -> add(assigned, t));
                case Step.Return s -> returns.add(s);
                case Step.Talk ignored -> {}
                case Step.TalkTo ignored -> {}
                case Step.TalkBlock ignored -> {}
                case Step.Wait ignored -> {}
                case Step.Exit ignored -> {}
                case Step.SendMail ignored -> {}
                case Step.AddTool ignored -> {}
                case Step.ClearTools ignored -> {}
                case Step.Description ignored -> {}
                case Step.ErrorHandling ignored -> {}
                case Step.Orchestrate s -> {
                    if (s.action() instanceof io.basicflow.spi.program.Orchestration.WaitForEvent wait) {
                        add(assigned, wait.result());
                    } else if (s.action() instanceof io.basicflow.spi.program.Orchestration.Delegate delegate) {
                        delegate.result().ifPresent(t -> add(assigned, t));
                    } else if (s.action() instanceof io.basicflow.spi.program.Orchestration.Workflow) {
                        assigned.add("workflow");
                    }
                }
            }
        }
    }

    private static void add(Set<String> assigned, Target target) {
        assigned.add(target.variable());
    }
}
