package io.basicflow.compiler.parser;

import io.basicflow.compiler.evaluation.ErrorVariables;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.BooleanValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code TRY} … {@code CATCH [e]} … {@code END TRY} (shown in {@code keyword-on-error.md},
 * {@code keyword-card.md}, {@code keyword-set-schedule.md}), rewritten onto the {@code ON ERROR}
 * machinery the engine already runs durably:
 *
 * <ol>
 *   <li>the trap mode in force is saved, {@code ON ERROR RESUME NEXT} turned on and the error cleared;
 *   <li>the body runs; each statement after the first runs only while no error was recorded, and a
 *       loop of the body is left as soon as one is, so the first failing statement ends the body;
 *   <li>the error is saved and the trap mode restored (which clears the error);
 *   <li>when the body failed, the handler runs with {@code e} (when named) bound to
 *       {@code {message, number}} and {@code ERROR MESSAGE} / {@code ERR} reading the error; a
 *       failure in the handler is trapped by an enclosing {@code TRY} or fails the execution.
 * </ol>
 *
 * <p>A {@code SUB} called from the body runs under {@code ON ERROR RESUME NEXT}: a failure inside it
 * is recorded and the procedure goes on to its end, then the body stops after the call. The hidden
 * variables of each {@code TRY} are numbered, so nested blocks keep their own.
 */
final class TryLowering {

    private int blocks;

    /** The single step each lowered block is wrapped in: an enclosing block guards it as one statement. */
    private final Set<Step> lowered = Collections.newSetFromMap(new IdentityHashMap<>());

    /** One {@code TRY} block as one step; {@code variable} is the name after {@code CATCH}, or null. */
    Step lower(SourceSpan span, List<Step> body, String variable, List<Step> handler) {
        Expression always = new Expression("TRUE", new Expr.Literal(BooleanValue.TRUE), span);
        Step block = new Step.If(
                span, List.of(new Step.Branch(span, always, steps(span, body, variable, handler))), List.of());
        lowered.add(block);
        return block;
    }

    private List<Step> steps(SourceSpan span, List<Step> body, String variable, List<Step> handler) {
        int n = ++blocks;
        String outer = "$try" + n + "_outer";
        String failed = "$try" + n + "_failed";
        String message = "$try" + n + "_message";
        String number = "$try" + n + "_number";
        List<Step> out = new ArrayList<>();
        out.add(assign(span, outer, variable(span, ErrorVariables.RESUME_NEXT)));
        out.add(error(span, Step.ErrorAction.RESUME_NEXT));
        out.add(error(span, Step.ErrorAction.CLEAR));
        out.addAll(guard(body, null, false));
        out.add(assign(span, failed, variable(span, ErrorVariables.ERROR)));
        out.add(assign(span, message, variable(span, ErrorVariables.MESSAGE)));
        out.add(assign(span, number, variable(span, ErrorVariables.NUMBER)));
        out.add(new Step.If(
                span,
                List.of(new Step.Branch(span, variable(span, outer), List.of(error(span, Step.ErrorAction.CLEAR)))),
                List.of(error(span, Step.ErrorAction.STOP_ON_ERROR))));
        List<Step> caught = new ArrayList<>();
        caught.add(assign(span, ErrorVariables.MESSAGE, variable(span, message)));
        caught.add(assign(span, ErrorVariables.NUMBER, variable(span, number)));
        if (variable != null) {
            Expr details = new Expr.MapLiteral(List.of(
                    new Expr.MapEntry("message", new Expr.Variable(message)),
                    new Expr.MapEntry("number", new Expr.Variable(number))));
            caught.add(assign(span, variable, new Expression("{message, number}", details, span)));
        }
        caught.addAll(guard(handler, null, false));
        out.add(new Step.If(span, List.of(new Step.Branch(span, variable(span, failed), caught)), List.of()));
        return out;
    }

    /**
     * A statement list where each statement runs only while no error is recorded; {@code loop} is
     * the innermost loop of the block around the list (left when an error is recorded), null at the
     * block's own level; {@code guardFirst} tells whether the first statement needs the test too.
     */
    private List<Step> guard(List<Step> steps, Step.ExitTarget loop, boolean guardFirst) {
        List<Step> out = new ArrayList<>();
        if (loop != null) {
            SourceSpan span = steps.isEmpty() ? null : steps.getFirst().span();
            if (span != null) {
                out.add(new Step.If(
                        span,
                        List.of(new Step.Branch(
                                span, variable(span, ErrorVariables.ERROR), List.of(new Step.Exit(span, loop)))),
                        List.of()));
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = nested(steps.get(i));
            if (i == 0 && !guardFirst) {
                out.add(step);
            } else {
                SourceSpan span = step.span();
                Expression clear = new Expression(
                        "NOT ERROR",
                        new Expr.Unary(Expr.UnaryOperator.NOT, new Expr.Variable(ErrorVariables.ERROR)),
                        span);
                out.add(new Step.If(span, List.of(new Step.Branch(span, clear, List.of(step))), List.of()));
            }
        }
        return out;
    }

    private Step nested(Step step) {
        if (lowered.contains(step)) {
            return step; // an inner TRY handles its own errors
        }
        return switch (step) {
            case Step.If s ->
                new Step.If(
                        s.span(),
                        s.branches().stream()
                                .map(b -> new Step.Branch(b.span(), b.condition(), guard(b.body(), null, false)))
                                .toList(),
                        guard(s.otherwise(), null, false));
            case Step.Select s ->
                new Step.Select(
                        s.span(),
                        s.subject(),
                        s.cases().stream()
                                .map(c -> new Step.Case(c.span(), c.tests(), guard(c.body(), null, false)))
                                .toList(),
                        guard(s.otherwise(), null, false));
            case Step.ForEach s ->
                new Step.ForEach(s.span(), s.variable(), s.items(), guard(s.body(), Step.ExitTarget.FOR, false));
            case Step.ForRange s ->
                new Step.ForRange(
                        s.span(),
                        s.variable(),
                        s.from(),
                        s.to(),
                        s.step(),
                        guard(s.body(), Step.ExitTarget.FOR, false));
            case Step.DoLoop s ->
                new Step.DoLoop(s.span(), s.test(), s.condition(), guard(s.body(), Step.ExitTarget.DO, false));
            default -> step;
        };
    }

    private static Step error(SourceSpan span, Step.ErrorAction action) {
        return new Step.ErrorHandling(span, action, Optional.empty());
    }

    private static Step assign(SourceSpan span, String name, Expression value) {
        return new Step.Assign(span, new Target(name, List.of()), value);
    }

    private static Expression variable(SourceSpan span, String name) {
        return new Expression(name, new Expr.Variable(name), span);
    }
}
