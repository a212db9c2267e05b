package io.basicflow.compiler.parser;

import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.TextValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code label:} and {@code GOTO label} of the script's main body, rewritten into the structured
 * steps the engine runs, so a durable run records and resumes them like any loop.
 *
 * <p>The main body is cut at its labels into segments. The statements before the first label run
 * first; then a loop dispatches on the hidden variable {@link #TARGET}, the label to run next: each
 * segment sets it to the label that follows it (falling through, as the text reads) and runs its
 * statements. {@code GOTO x} sets the target to {@code x}, marks a jump in {@link #JUMPING} and
 * leaves what it stands in: the rest of its statement list is skipped, each enclosing loop of the
 * segment is left with {@code EXIT}, and the dispatcher runs segment {@code x}. A segment that ends
 * after the last label ends the loop. General Bots documents the same transformation into a state
 * machine ({@code keyword-goto.md}); an endless {@code GOTO} loop is bounded by the execution's step
 * quota instead of a fixed iteration count.
 *
 * <p>The parser reports the misuse (a label inside a block or a {@code SUB}, {@code GOTO} inside a
 * {@code SUB}, an unknown or repeated label) before this runs; here the markers are well placed.
 */
final class GotoLowering {

    /** The keyword name of the marker a {@code GOTO} parses into; {@code $} cannot start a keyword. */
    static final String GOTO_MARKER = "$goto";

    /** The keyword name of the marker a {@code label:} line parses into. */
    static final String LABEL_MARKER = "$label";

    /** The hidden variable holding the label that runs next. */
    static final String TARGET = "$goto_target";

    /** The hidden variable that is true from a {@code GOTO} until its segment has been left. */
    static final String JUMPING = "$goto_jumping";

    /** The target after the last segment: the dispatcher ends. */
    private static final String END = "$end";

    private GotoLowering() {}

    /** A marker step for {@code GOTO label} or {@code label:} ({@code label} as written, upper-cased). */
    static Step marker(String kind, String label, SourceSpan span) {
        String name = label.toUpperCase(Locale.ROOT);
        return new Step.Invoke(span, kind, List.of(new Step.Argument("label", text(name, span))), Optional.empty());
    }

    /** The main body with its labels and {@code GOTO}s rewritten; unchanged when it has none. */
    static List<Step> lower(List<Step> body) {
        boolean anyGoto = false;
        boolean anyLabel = false;
        for (Step step : body) {
            anyLabel |= is(step, LABEL_MARKER);
            anyGoto |= containsGoto(step);
        }
        if (!anyLabel && !anyGoto) {
            return body;
        }
        List<String> labels = new ArrayList<>();
        List<SourceSpan> labelSpans = new ArrayList<>();
        List<List<Step>> segments = new ArrayList<>();
        segments.add(new ArrayList<>());
        for (Step step : body) {
            if (is(step, LABEL_MARKER)) {
                labels.add(label(step));
                labelSpans.add(step.span());
                segments.add(new ArrayList<>());
            } else {
                segments.getLast().add(step);
            }
        }
        if (labels.isEmpty()) {
            return body; // every GOTO names a missing label: reported, the script does not compile
        }
        if (!anyGoto) {
            List<Step> plain = new ArrayList<>();
            segments.forEach(plain::addAll);
            return plain;
        }
        SourceSpan at = labelSpans.getFirst();
        List<Step> out = new ArrayList<>();
        out.add(assign(JUMPING, bool(false, at), at));
        out.add(assign(TARGET, text(labels.getFirst(), at), at));
        out.addAll(lowerList(segments.getFirst(), null));
        List<Step.Case> cases = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            SourceSpan span = labelSpans.get(i);
            String next = i + 1 < labels.size() ? labels.get(i + 1) : END;
            List<Step> caseBody = new ArrayList<>();
            caseBody.add(assign(JUMPING, bool(false, span), span));
            caseBody.add(assign(TARGET, text(next, span), span));
            caseBody.addAll(lowerList(segments.get(i + 1), null));
            cases.add(new Step.Case(span, List.of(new Step.CaseTest.Equals(text(labels.get(i), span))), caseBody));
        }
        Expression target = variable(TARGET, at);
        Step.Select dispatch = new Step.Select(at, target, cases, List.of());
        Expression running = new Expression(
                TARGET + " <> \"" + END + "\"",
                new Expr.Binary(Expr.BinaryOperator.NOT_EQUAL, target.tree(), new Expr.Literal(new TextValue(END))),
                at);
        out.add(new Step.DoLoop(at, Step.LoopTest.WHILE_BEFORE, Optional.of(running), List.of(dispatch)));
        return out;
    }

    /**
     * One statement list of a segment, rewritten: {@code loop} is the kind of the innermost loop of
     * the segment around the list (what a jump must leave), null at the segment's own level.
     */
    private static List<Step> lowerList(List<Step> steps, Step.ExitTarget loop) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (is(step, GOTO_MARKER)) {
                SourceSpan span = step.span();
                out.add(assign(TARGET, text(label(step), span), span));
                out.add(assign(JUMPING, bool(true, span), span));
                if (loop != null) {
                    out.add(new Step.Exit(span, loop));
                }
                return out; // what follows a GOTO in the same list never runs
            }
            if (!containsGoto(step)) {
                out.add(step);
                continue;
            }
            out.add(rewrite(step, loop));
            SourceSpan span = step.span();
            Expression jumping = variable(JUMPING, span);
            if (loop != null) {
                out.add(new Step.If(
                        span, List.of(new Step.Branch(span, jumping, List.of(new Step.Exit(span, loop)))), List.of()));
                continue;
            }
            List<Step> rest = steps.subList(i + 1, steps.size());
            if (!rest.isEmpty()) {
                Expression notJumping =
                        new Expression("NOT " + JUMPING, new Expr.Unary(Expr.UnaryOperator.NOT, jumping.tree()), span);
                out.add(new Step.If(
                        span, List.of(new Step.Branch(span, notJumping, lowerList(rest, null))), List.of()));
            }
            return out;
        }
        return out;
    }

    private static Step rewrite(Step step, Step.ExitTarget loop) {
        return switch (step) {
            case Step.If s ->
                new Step.If(
                        s.span(),
                        s.branches().stream()
                                .map(b -> new Step.Branch(b.span(), b.condition(), lowerList(b.body(), loop)))
                                .toList(),
                        lowerList(s.otherwise(), loop));
            case Step.Select s ->
                new Step.Select(
                        s.span(),
                        s.subject(),
                        s.cases().stream()
                                .map(c -> new Step.Case(c.span(), c.tests(), lowerList(c.body(), loop)))
                                .toList(),
                        lowerList(s.otherwise(), loop));
            case Step.ForEach s ->
                new Step.ForEach(s.span(), s.variable(), s.items(), lowerList(s.body(), Step.ExitTarget.FOR));
            case Step.ForRange s ->
                new Step.ForRange(
                        s.span(), s.variable(), s.from(), s.to(), s.step(), lowerList(s.body(), Step.ExitTarget.FOR));
            case Step.DoLoop s ->
                new Step.DoLoop(s.span(), s.test(), s.condition(), lowerList(s.body(), Step.ExitTarget.DO));
            default -> step;
        };
    }

    private static boolean containsGoto(Step step) {
        return switch (step) {
            case Step.Invoke s -> s.keyword().equals(GOTO_MARKER);
            case Step.If s -> s.branches().stream().anyMatch(b -> anyGoto(b.body())) || anyGoto(s.otherwise());
            case Step.Select s -> s.cases().stream().anyMatch(c -> anyGoto(c.body())) || anyGoto(s.otherwise());
            case Step.ForEach s -> anyGoto(s.body());
            case Step.ForRange s -> anyGoto(s.body());
            case Step.DoLoop s -> anyGoto(s.body());
            default -> false;
        };
    }

    private static boolean anyGoto(List<Step> steps) {
        for (Step step : steps) {
            if (containsGoto(step)) {
                return true;
            }
        }
        return false;
    }

    private static boolean is(Step step, String marker) {
        return step instanceof Step.Invoke invoke && invoke.keyword().equals(marker);
    }

    private static String label(Step step) {
        Expr tree = ((Step.Invoke) step).arguments().getFirst().value().tree();
        return ((TextValue) ((Expr.Literal) tree).value()).value();
    }

    private static Step assign(String variable, Expression value, SourceSpan span) {
        return new Step.Assign(span, new Target(variable, List.of()), value);
    }

    private static Expression variable(String name, SourceSpan span) {
        return new Expression(name, new Expr.Variable(name), span);
    }

    private static Expression text(String value, SourceSpan span) {
        return new Expression("\"" + value + "\"", new Expr.Literal(new TextValue(value)), span);
    }

    private static Expression bool(boolean value, SourceSpan span) {
        return new Expression(value ? "TRUE" : "FALSE", new Expr.Literal(BooleanValue.of(value)), span);
    }
}
