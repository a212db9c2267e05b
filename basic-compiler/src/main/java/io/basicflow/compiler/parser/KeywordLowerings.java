package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.spi.KeywordLowering;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.NullValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call of a keyword whose plugin declares a {@link KeywordLowering}: written as the calls it lowers
 * to, one {@link Step.Invoke} each, with the value of each call but the last in a hidden temporary
 * ({@code $lowered<line>_<column>_<n>}: {@code $} cannot start a name a script writes) and the last
 * one's value going where the script put the keyword's value. A written argument that more than one
 * call reads and that is not a literal or a variable is evaluated once, into a temporary, first: the
 * calls see one value, as the script wrote one. The temporaries are set to {@code NULL} after the last
 * call, so that no value outlives the statement.
 */
final class KeywordLowerings {

    private KeywordLowerings() {}

    /**
     * Adds the step(s) of a keyword call: its lowering when its plugin declares one, else one {@link
     * Step.Invoke}. The one way a parsed keyword call becomes steps, for a statement and for a keyword
     * hoisted out of an expression alike.
     */
    static void emit(
            ParseContext ctx,
            List<Step> out,
            CataloguedKeyword keyword,
            List<Step.Argument> arguments,
            Optional<Target> target,
            int start,
            int end) {
        if (!lower(ctx, out, keyword, arguments, target, start, end)) {
            out.add(new Step.Invoke(ctx.span(start, end), keyword.name(), arguments, target));
        }
    }

    /**
     * Adds the steps of a lowered call.
     *
     * @return false when the keyword has no lowering (the caller adds its own {@link Step.Invoke})
     */
    private static boolean lower(
            ParseContext ctx,
            List<Step> out,
            CataloguedKeyword keyword,
            List<Step.Argument> written,
            Optional<Target> target,
            int start,
            int end) {
        java.util.Set<String> given = new java.util.HashSet<>();
        written.forEach(argument -> given.add(argument.parameter()));
        Optional<KeywordLowering> declared = keyword.plugin().lowering(keyword.name(), given);
        if (declared.isEmpty()) {
            return false;
        }
        KeywordLowering lowering = declared.get();
        SourceSpan span = ctx.span(start, end);
        String prefix = "$lowered" + span.line() + "_" + span.column() + "_";
        if (!resolvable(ctx, keyword, lowering, start, end)) {
            return true;
        }
        Map<String, Expression> arguments = new HashMap<>();
        for (Step.Argument argument : written) {
            arguments.put(argument.parameter(), argument.value());
        }
        Map<String, Integer> reads = new HashMap<>();
        for (KeywordLowering.Call call : lowering.calls()) {
            for (KeywordLowering.Argument argument : call.arguments()) {
                if (argument.source() instanceof KeywordLowering.Source.Parameter parameter) {
                    reads.merge(parameter.name(), 1, Integer::sum);
                }
            }
        }
        int temporaries = 0;
        for (Map.Entry<String, Expression> argument : arguments.entrySet()) {
            Expression value = argument.getValue();
            boolean plain = value.tree() instanceof Expr.Literal || value.tree() instanceof Expr.Variable;
            if (reads.getOrDefault(argument.getKey(), 0) > 1 && !plain) {
                String temporary = prefix + "arg" + (++temporaries);
                out.add(new Step.Assign(value.span(), Target.variable(temporary), value));
                argument.setValue(new Expression(value.text(), new Expr.Variable(temporary), value.span()));
            }
        }
        List<String> results = new ArrayList<>();
        for (int i = 0; i < lowering.calls().size(); i++) {
            KeywordLowering.Call call = lowering.calls().get(i);
            List<Step.Argument> bound = new ArrayList<>();
            for (KeywordLowering.Argument argument : call.arguments()) {
                Expression value = switch (argument.source()) {
                    case KeywordLowering.Source.Parameter parameter -> arguments.get(parameter.name());
                    case KeywordLowering.Source.Result result ->
                        new Expression(
                                keyword.name() + " (step " + (result.call() + 1) + ")",
                                new Expr.Variable(results.get(result.call())),
                                span);
                };
                if (value != null) {
                    bound.add(new Step.Argument(argument.parameter(), value));
                }
            }
            boolean last = i == lowering.calls().size() - 1;
            String result = prefix + (i + 1);
            results.add(result);
            out.add(new Step.Invoke(span, call.keyword(), bound, last ? target : Optional.of(Target.variable(result))));
        }
        // The temporaries are emptied at the end: under ON ERROR RESUME NEXT a call that failed assigns
        // nothing, and the next call must not read the value an earlier pass of a loop left there.
        List<String> used = new ArrayList<>(results.subList(0, results.size() - 1));
        for (int i = 1; i <= temporaries; i++) {
            used.add(prefix + "arg" + i);
        }
        for (String temporary : used) {
            out.add(new Step.Assign(
                    span, Target.variable(temporary), new Expression("NULL", new Expr.Literal(NullValue.NULL), span)));
        }
        return true;
    }

    /** Whether every called keyword is installed, takes the arguments given and is no lowering itself. */
    private static boolean resolvable(
            ParseContext ctx, CataloguedKeyword keyword, KeywordLowering lowering, int start, int end) {
        for (KeywordLowering.Call call : lowering.calls()) {
            CataloguedKeyword called = ctx.catalogue.keyword(call.keyword()).orElse(null);
            if (called == null) {
                ctx.report(
                        DiagnosticKind.UNKNOWN_KEYWORD,
                        start,
                        end,
                        keyword.name() + " runs as " + names(lowering) + ", and " + call.keyword() + ": "
                                + StandardLibrary.provider(call.keyword()));
                return false;
            }
            if (called.plugin().lowering(called.name()).isPresent()) {
                ctx.report(
                        DiagnosticKind.INTERNAL_ERROR,
                        start,
                        end,
                        keyword.name() + " is lowered to " + call.keyword()
                                + ", which is lowered itself; a lowering must call keywords that run as one step");
                return false;
            }
            for (KeywordLowering.Argument argument : call.arguments()) {
                if (called.definition().parameters().stream()
                        .noneMatch(p -> p.name().equals(argument.parameter()))) {
                    ctx.report(
                            DiagnosticKind.INTERNAL_ERROR,
                            start,
                            end,
                            keyword.name() + " is lowered to " + call.keyword() + " with parameter '"
                                    + argument.parameter() + "', which the installed " + call.keyword()
                                    + " does not declare; the plugins of " + keyword.name() + " and "
                                    + call.keyword() + " do not fit together");
                    return false;
                }
            }
        }
        return true;
    }

    private static String names(KeywordLowering lowering) {
        return String.join(
                " then ",
                lowering.calls().stream().map(KeywordLowering.Call::keyword).toList());
    }
}
