package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.NullValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Effect keywords written inside an expression ({@code RETURN FIND …}, {@code "Bearer " + GET BOT
 * MEMORY("k")}, {@code { "ip": GET SESSION "ip" }}): each call becomes its own {@link Step.Invoke}
 * assigning a hidden temporary, placed just before the statement in the order the calls are written,
 * and the expression reads the temporary. The rule "an effect is its own step" (what makes a durable
 * run replayable) is kept; only the script's spelling is freer.
 *
 * <p>Hoisting is only done where the statement evaluates the expression exactly once and always:
 * not in a loop's condition, an {@code ELSEIF} or {@code CASE} test, a {@code FOR} header, not on
 * the right of {@code AND}/{@code OR}, in a branch of {@code ? :} or {@code IIF}. There the keyword
 * is still reported as it was.
 */
final class EffectHoisting {

    /** The prefix of the temporaries: {@code $} cannot start a name a script writes. */
    static final String TEMPORARY_PREFIX = "$effect";

    /** Statements whose expressions are evaluated conditionally, repeatedly or before the script runs. */
    private static final Set<String> NOT_HOISTING = Set.of(
            "WHILE",
            "DO",
            "LOOP",
            "FOR",
            "NEXT",
            "SELECT",
            "SWITCH",
            "CASE",
            "DEFAULT",
            "ELSEIF",
            "ELSE",
            "END",
            "WEND",
            "PARAM",
            "DESCRIPTION",
            "SUB",
            "FUNCTION",
            "ON");

    private final ParseContext ctx;

    /** The hoisted calls of the statement being parsed; null where hoisting is not safe. */
    private List<Step> pending;

    private int temporaries;

    EffectHoisting(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** Whether a call of this keyword found now may be hoisted: it gives a value, and here it is safe. */
    boolean allowed(CataloguedKeyword keyword) {
        return pending != null && keyword.definition().form() != KeywordForm.STATEMENT;
    }

    /** A statement being parsed: the hoisting state around it and its own hoisted calls (or null). */
    record Scope(List<Step> saved, List<Step> hoisted) {}

    /** Starts a statement: its hoisted calls are collected when the statement may hoist. */
    Scope begin(Token first) {
        Scope scope = new Scope(pending, NOT_HOISTING.contains(first.upper()) ? null : new ArrayList<>());
        pending = scope.hoisted();
        return scope;
    }

    /** Ends a statement: its hoisted calls go in before the steps it added from {@code mark} on. */
    void end(Scope scope, List<Step> out, int mark, boolean parsed) {
        pending = scope.saved();
        List<Step> hoisted = scope.hoisted();
        if (parsed && hoisted != null && !hoisted.isEmpty() && mark <= out.size()) {
            out.addAll(mark, hoisted);
        }
    }

    /** Stops hoisting until the next statement begins (a block body, a condition parsed later). */
    List<Step> suspend() {
        List<Step> saved = pending;
        pending = null;
        return saved;
    }

    /** Undoes {@link #suspend()}. */
    void resume(List<Step> saved) {
        pending = saved;
    }

    /**
     * Parses the arguments of a keyword written inside an expression (its words are consumed) and
     * hoists the call.
     *
     * @return the read of the temporary; NULL when its arguments were reported
     */
    Expr hoist(CataloguedKeyword keyword, Token nameStart, KeywordCalls keywords) {
        List<Step> into = pending;
        List<Step.Argument> arguments = keywords.embeddedArguments(keyword, nameStart);
        if (arguments == null) {
            return new Expr.Literal(NullValue.NULL); // an unsupported clause, reported
        }
        String temporary = TEMPORARY_PREFIX + (++temporaries);
        KeywordLowerings.emit(
                ctx,
                into,
                keyword,
                arguments,
                Optional.of(Target.variable(temporary)),
                nameStart.start(),
                ctx.lastEnd());
        return new Expr.Variable(temporary);
    }
}
