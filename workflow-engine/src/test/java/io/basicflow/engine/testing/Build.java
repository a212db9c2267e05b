package io.basicflow.engine.testing;

import io.basicflow.compiler.evaluation.ExprText;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Procedure;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds programs by hand for interpreter tests, the way the compiler would: every step gets the next
 * line number, expressions carry their rendered text.
 */
public final class Build {

    private int line = 1;

    /** A fresh builder, numbering lines from 1. */
    public Build() {}

    /**
     * The span of the next line.
     *
     * @return a span
     */
    public SourceSpan span() {
        return SourceSpan.of(line++, 1, 10);
    }

    // ---- expressions ----

    public static Expr v(String name) {
        return new Expr.Variable(name);
    }

    public static Expr lit(Object value) {
        return new Expr.Literal(Value.of(value));
    }

    public static Expr bin(Expr.BinaryOperator operator, Expr left, Expr right) {
        return new Expr.Binary(operator, left, right);
    }

    public static Expr add(Expr left, Expr right) {
        return bin(Expr.BinaryOperator.ADD, left, right);
    }

    public static Expr call(String function, Expr... arguments) {
        return new Expr.Call(function, List.of(arguments));
    }

    public static Expr member(Expr target, String name) {
        return new Expr.Member(target, name);
    }

    public static Expr list(Expr... elements) {
        return new Expr.ListLiteral(List.of(elements));
    }

    public Expression ex(Expr tree) {
        return new Expression(ExprText.render(tree), tree, SourceSpan.of(line, 5, 5));
    }

    // ---- steps ----

    public Step.Assign set(String variable, Expr value) {
        return set(Target.variable(variable), value);
    }

    public Step.Assign set(Target target, Expr value) {
        SourceSpan span = span();
        return new Step.Assign(span, target, expression(value, span));
    }

    public Step.Talk talk(Expr message) {
        SourceSpan span = span();
        return new Step.Talk(span, expression(message, span));
    }

    public Step.Hear hear(String variable) {
        return new Step.Hear(span(), Target.variable(variable), new Step.HearKind.Any(), Optional.empty());
    }

    public Step.Hear hear(String variable, String type, Optional<Expr> prompt) {
        SourceSpan span = span();
        return new Step.Hear(
                span, Target.variable(variable), new Step.HearKind.Typed(type), prompt.map(p -> expression(p, span)));
    }

    public Step.Wait waitSeconds(Expr seconds) {
        SourceSpan span = span();
        return new Step.Wait(span, expression(seconds, span));
    }

    public Step.ForRange forRange(String variable, Expr from, Expr to, Step... body) {
        SourceSpan span = span();
        return new Step.ForRange(
                span, variable, expression(from, span), expression(to, span), Optional.empty(), List.of(body));
    }

    public Step.ForEach forEach(String variable, Expr items, Step... body) {
        SourceSpan span = span();
        return new Step.ForEach(span, variable, expression(items, span), List.of(body));
    }

    public Step.If ifThen(Expr condition, List<Step> then, List<Step> otherwise) {
        SourceSpan span = span();
        return new Step.If(span, List.of(new Step.Branch(span, expression(condition, span), then)), otherwise);
    }

    public Step.DoLoop loop(Step... body) {
        return new Step.DoLoop(span(), Step.LoopTest.NONE, Optional.empty(), List.of(body));
    }

    public Step.Exit exit(Step.ExitTarget target) {
        return new Step.Exit(span(), target);
    }

    public Step.CallProcedure callSub(String procedure, Expr... arguments) {
        SourceSpan span = span();
        return new Step.CallProcedure(span, procedure, expressions(span, arguments), Optional.empty());
    }

    public Step.CallProcedure callFunction(String target, String procedure, Expr... arguments) {
        SourceSpan span = span();
        return new Step.CallProcedure(
                span, procedure, expressions(span, arguments), Optional.of(Target.variable(target)));
    }

    public Step.Return ret(Expr value) {
        SourceSpan span = span();
        return new Step.Return(span, Optional.of(expression(value, span)));
    }

    public Step.Invoke invoke(String keyword, Optional<String> result, Map<String, Expr> arguments) {
        SourceSpan span = span();
        List<Step.Argument> list = new ArrayList<>();
        arguments.forEach((name, value) -> list.add(new Step.Argument(name, expression(value, span))));
        return new Step.Invoke(span, keyword, list, result.map(Target::variable));
    }

    public Step.CallScript callScript(String script) {
        SourceSpan span = span();
        return new Step.CallScript(span, expression(lit(script), span));
    }

    public Procedure sub(String name, List<String> parameters, Step... body) {
        return new Procedure(span(), name, parameters, false, List.of(body));
    }

    public Procedure function(String name, List<String> parameters, Step... body) {
        return new Procedure(span(), name, parameters, true, List.of(body));
    }

    public static Program program(String name, List<Step> body, Procedure... procedures) {
        Map<String, Procedure> byName = new LinkedHashMap<>();
        for (Procedure procedure : procedures) {
            byName.put(procedure.name(), procedure);
        }
        return new Program(name, body, byName);
    }

    public static List<Step> steps(Step... steps) {
        return Arrays.asList(steps);
    }

    private Expression expression(Expr tree, SourceSpan span) {
        return new Expression(ExprText.render(tree), tree, SourceSpan.of(span.line(), 5, 5));
    }

    private List<Expression> expressions(SourceSpan span, Expr... trees) {
        List<Expression> list = new ArrayList<>();
        for (Expr tree : trees) {
            list.add(expression(tree, span));
        }
        return list;
    }
}
