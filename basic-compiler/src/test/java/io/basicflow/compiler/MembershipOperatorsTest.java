package io.basicflow.compiler;

import static io.basicflow.compiler.Scripts.bin;
import static io.basicflow.compiler.Scripts.call;
import static io.basicflow.compiler.Scripts.list;
import static io.basicflow.compiler.Scripts.lit;
import static io.basicflow.compiler.Scripts.step;
import static io.basicflow.compiler.Scripts.var;
import static io.basicflow.spi.program.Expr.BinaryOperator.AND;
import static io.basicflow.spi.program.Expr.BinaryOperator.GREATER_OR_EQUAL;
import static io.basicflow.spi.program.Expr.BinaryOperator.LESS_OR_EQUAL;
import static io.basicflow.spi.program.Expr.BinaryOperator.NOT_EQUAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.compiler.evaluation.Environments;
import io.basicflow.compiler.evaluation.Evaluator;
import io.basicflow.compiler.evaluation.Variables;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operators of General Bots' complete keyword list that basicflow lacked: {@code value IN (1, 2, 3)},
 * {@code value BETWEEN 1 AND 10} and {@code a XOR b} — parsed into the trees they stand for and evaluated.
 */
class MembershipOperatorsTest {

    private static Expr tree(String expression) {
        return ((Step.Assign) step("x = " + expression + "\n")).value().tree();
    }

    private static Value evaluate(String expression, Map<String, Value> variables) {
        Map<String, FunctionDefinition> functions = new HashMap<>();
        for (FunctionDefinition function : new CorePlugin().functions()) {
            functions.put(function.name(), function);
        }
        Evaluator evaluator = new Evaluator(functions, Environments.of(Clock.systemUTC(), new SplittableRandom(1)));
        return evaluator.evaluate(tree(expression), Variables.of(variables));
    }

    @Test
    void theOperatorsBecomeTheTreesTheyStandFor() {
        assertThat(tree("v IN (1, 2)")).isEqualTo(call("CONTAINS", list(lit(1), lit(2)), var("v")));
        assertThat(tree("v IN [\"a\"]")).isEqualTo(call("CONTAINS", list(lit("a")), var("v")));
        assertThat(tree("v BETWEEN 1 AND 10"))
                .isEqualTo(bin(AND, bin(GREATER_OR_EQUAL, var("v"), lit(1)), bin(LESS_OR_EQUAL, var("v"), lit(10))));
        assertThat(tree("a XOR b")).isEqualTo(bin(NOT_EQUAL, call("CBOOL", var("a")), call("CBOOL", var("b"))));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "v IN (1, 2, 3)                 | 2     | true",
                "v IN (1, 2, 3)                 | 4     | false",
                "v IN (\"pending\", \"open\")   | open  | true",
                "NOT v IN (1, 2) AND v > 0      | 5     | true",
                "v IN []                        | 1     | false",
                "v BETWEEN 1 AND 10             | 10    | true",
                "v BETWEEN 1 AND 10             | 11    | false",
                "v BETWEEN 1 AND 10 AND v <> 5  | 5     | false",
                "v BETWEEN 1 + 1 AND 2 * 5 OR v = 0 | 0 | true",
                "v > 0 XOR v > 10               | 5     | true",
                "v > 0 XOR v > 10               | 50    | false",
                "v > 100 XOR v < 0              | 50    | false",
            })
    void theyEvaluateAsTheReferenceDescribes(String expression, String v, boolean expected) {
        Value value = v.matches("-?\\d+") ? Value.of(Long.parseLong(v)) : Value.of(v);
        assertThat(evaluate(expression, Map.of("v", value))).isEqualTo(Value.of(expected));
    }

    @Test
    void conditionsUseThemAsTheReferenceWritesThem() {
        Step.If conditional = (Step.If) step("IF value IN (1, 2, 3) THEN\nTALK \"in\"\nEND IF\n");
        assertThat(conditional.branches().getFirst().condition().tree())
                .isEqualTo(call("CONTAINS", list(lit(1), lit(2), lit(3)), var("value")));
        Step.If range = (Step.If) step("IF value BETWEEN 1 AND 10 THEN TALK \"in range\"\n");
        assertThat(range.branches().getFirst().condition().tree()).isEqualTo(tree("value >= 1 AND value <= 10"));
    }

    @Test
    void forEachInStillReadsInAsItsOwnWord() {
        assertThat(Scripts.steps("FOR EACH item IN (items)\nTALK item\nNEXT\n").getFirst())
                .isInstanceOf(Step.ForEach.class);
    }
}
