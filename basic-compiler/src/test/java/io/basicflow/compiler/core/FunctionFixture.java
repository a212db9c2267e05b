package io.basicflow.compiler.core;

import io.basicflow.compiler.evaluation.Environments;
import io.basicflow.compiler.evaluation.EvaluationException;
import io.basicflow.compiler.evaluation.Evaluator;
import io.basicflow.compiler.evaluation.Variables;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.Assertions;

/**
 * Calls the built-in functions through the evaluator, with a fixed clock (2026-11-25 18:09:00 in
 * São Paulo) and a seeded random generator.
 */
abstract class FunctionFixture {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T21:09:00Z"), ZoneId.of("America/Sao_Paulo"));

    static Map<String, FunctionDefinition> coreFunctions() {
        Map<String, FunctionDefinition> functions = new HashMap<>();
        for (FunctionDefinition function : new CorePlugin().functions()) {
            functions.put(function.name(), function);
        }
        return functions;
    }

    final Evaluator evaluator = new Evaluator(coreFunctions(), Environments.of(CLOCK, new SplittableRandom(7)));

    /** Calls a function with literal arguments given as plain Java values. */
    Value call(String function, Object... arguments) {
        List<Expr> literals = new ArrayList<>();
        for (Object argument : arguments) {
            literals.add(new Expr.Literal(Value.of(argument)));
        }
        return evaluator.evaluate(new Expr.Call(function, literals), Variables.none());
    }

    /** The display text of a call's result. */
    String show(String function, Object... arguments) {
        return call(function, arguments).display();
    }

    AbstractThrowableAssert<?, ? extends Throwable> assertFails(String function, Object... arguments) {
        return Assertions.assertThatThrownBy(() -> call(function, arguments)).isInstanceOf(EvaluationException.class);
    }

    static Value value(Object java) {
        return Value.of(java);
    }
}
