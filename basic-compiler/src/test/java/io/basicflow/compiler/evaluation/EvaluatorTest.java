package io.basicflow.compiler.evaluation;

import static io.basicflow.compiler.evaluation.Exprs.bin;
import static io.basicflow.compiler.evaluation.Exprs.call;
import static io.basicflow.compiler.evaluation.Exprs.index;
import static io.basicflow.compiler.evaluation.Exprs.list;
import static io.basicflow.compiler.evaluation.Exprs.lit;
import static io.basicflow.compiler.evaluation.Exprs.member;
import static io.basicflow.compiler.evaluation.Exprs.nul;
import static io.basicflow.compiler.evaluation.Exprs.num;
import static io.basicflow.compiler.evaluation.Exprs.template;
import static io.basicflow.compiler.evaluation.Exprs.un;
import static io.basicflow.compiler.evaluation.Exprs.var;
import static io.basicflow.spi.program.Expr.BinaryOperator.ADD;
import static io.basicflow.spi.program.Expr.BinaryOperator.AND;
import static io.basicflow.spi.program.Expr.BinaryOperator.CONCAT;
import static io.basicflow.spi.program.Expr.BinaryOperator.DIVIDE;
import static io.basicflow.spi.program.Expr.BinaryOperator.EQUAL;
import static io.basicflow.spi.program.Expr.BinaryOperator.GREATER;
import static io.basicflow.spi.program.Expr.BinaryOperator.GREATER_OR_EQUAL;
import static io.basicflow.spi.program.Expr.BinaryOperator.INTEGER_DIVIDE;
import static io.basicflow.spi.program.Expr.BinaryOperator.LESS;
import static io.basicflow.spi.program.Expr.BinaryOperator.LESS_OR_EQUAL;
import static io.basicflow.spi.program.Expr.BinaryOperator.MODULO;
import static io.basicflow.spi.program.Expr.BinaryOperator.MULTIPLY;
import static io.basicflow.spi.program.Expr.BinaryOperator.NOT_EQUAL;
import static io.basicflow.spi.program.Expr.BinaryOperator.OR;
import static io.basicflow.spi.program.Expr.BinaryOperator.POWER;
import static io.basicflow.spi.program.Expr.BinaryOperator.SUBTRACT;
import static io.basicflow.spi.program.Expr.UnaryOperator.IS_NOT_NULL;
import static io.basicflow.spi.program.Expr.UnaryOperator.IS_NULL;
import static io.basicflow.spi.program.Expr.UnaryOperator.NEGATE;
import static io.basicflow.spi.program.Expr.UnaryOperator.NOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private final List<String> calls = new ArrayList<>();
    private final Map<String, FunctionDefinition> functions = Map.of(
            "TWICE",
            new FunctionDefinition(
                    "TWICE",
                    1,
                    1,
                    (args, env) -> {
                        calls.add("TWICE");
                        return Values.multiply(Values.toNumber(args.get(0)), IntegerValue.of(2));
                    },
                    "doubles"),
            "PICKY",
            new FunctionDefinition(
                    "PICKY",
                    0,
                    2,
                    (args, env) -> {
                        throw new IllegalArgumentException("the answer must be 42");
                    },
                    "always refuses"),
            "BROKEN",
            new FunctionDefinition(
                    "BROKEN",
                    0,
                    0,
                    (args, env) -> {
                        throw new IllegalStateException("bug");
                    },
                    "a plugin bug"),
            "IIF",
            new FunctionDefinition("IIF", 3, 3, Evaluator.CONDITIONAL, "if"),
            "EPOCH",
            new FunctionDefinition(
                    "EPOCH", 0, 0, (args, env) -> IntegerValue.of(env.clock().millis()), "the clock's millis"));

    private final Evaluator evaluator = new Evaluator(
            functions,
            Environments.of(Clock.fixed(Instant.ofEpochMilli(1234), ZoneOffset.UTC), new SplittableRandom(1)));

    private final Map<String, Value> variables = new LinkedHashMap<>();

    private Value eval(Expr expr) {
        return evaluator.evaluate(expr, Variables.of(variables));
    }

    private static Value number(String decimal) {
        return NumberValue.of(new BigDecimal(decimal));
    }

    private static TextValue text(String text) {
        return new TextValue(text);
    }

    @Nested
    class Arithmetic {

        @Test
        void integersStayIntegers() {
            assertThat(eval(bin(ADD, lit(2), lit(3)))).isEqualTo(IntegerValue.of(5));
            assertThat(eval(bin(SUBTRACT, lit(2), lit(3)))).isEqualTo(IntegerValue.of(-1));
            assertThat(eval(bin(MULTIPLY, lit(6), lit(7)))).isEqualTo(IntegerValue.of(42));
            assertThat(eval(bin(DIVIDE, lit(6), lit(3)))).isEqualTo(IntegerValue.of(2));
        }

        @Test
        void decimalsAreExact() {
            assertThat(eval(bin(ADD, num("0.1"), num("0.2")))).isEqualTo(number("0.3"));
            assertThat(eval(bin(EQUAL, bin(ADD, num("0.1"), num("0.2")), num("0.3"))))
                    .isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(MULTIPLY, num("1.1"), num("1.1")))).isEqualTo(number("1.21"));
            assertThat(eval(bin(SUBTRACT, num("1.50"), num("0.5")))).isEqualTo(IntegerValue.of(1));
        }

        @Test
        void divisionIsExactWhenItTerminatesAndRoundedTo34DigitsOtherwise() {
            assertThat(eval(bin(DIVIDE, lit(1), lit(4)))).isEqualTo(number("0.25"));
            assertThat(eval(bin(DIVIDE, lit(7), lit(2)))).isEqualTo(number("3.5"));
            Value third = eval(bin(DIVIDE, lit(1), lit(3)));
            assertThat(third.display()).isEqualTo("0." + "3".repeat(34));
            assertThat(eval(bin(DIVIDE, lit(2), lit(3))).display()).isEqualTo("0." + "6".repeat(33) + "7");
            assertThat(eval(bin(DIVIDE, num("1.5"), num("0.5")))).isEqualTo(IntegerValue.of(3));
        }

        @Test
        void integerDivisionTruncatesTowardZero() {
            assertThat(eval(bin(INTEGER_DIVIDE, lit(7), lit(2)))).isEqualTo(IntegerValue.of(3));
            assertThat(eval(bin(INTEGER_DIVIDE, lit(-7), lit(2)))).isEqualTo(IntegerValue.of(-3));
            assertThat(eval(bin(INTEGER_DIVIDE, num("7.5"), lit(2)))).isEqualTo(IntegerValue.of(3));
            assertThat(eval(bin(INTEGER_DIVIDE, lit(Long.MIN_VALUE), lit(-1))))
                    .isEqualTo(number("9223372036854775808"));
        }

        @Test
        void moduloHasTheSignOfTheDividend() {
            assertThat(eval(bin(MODULO, lit(7), lit(3)))).isEqualTo(IntegerValue.of(1));
            assertThat(eval(bin(MODULO, lit(-7), lit(3)))).isEqualTo(IntegerValue.of(-1));
            assertThat(eval(bin(MODULO, lit(7), lit(-3)))).isEqualTo(IntegerValue.of(1));
            assertThat(eval(bin(MODULO, num("7.5"), lit(2)))).isEqualTo(number("1.5"));
        }

        @Test
        void powerIsExactForWholeExponents() {
            assertThat(eval(bin(POWER, lit(2), lit(10)))).isEqualTo(IntegerValue.of(1024));
            assertThat(eval(bin(POWER, lit(2), lit(100))).display()).isEqualTo("1267650600228229401496703205376");
            assertThat(eval(bin(POWER, lit(10), lit(-2)))).isEqualTo(number("0.01"));
            assertThat(eval(bin(POWER, num("1.5"), lit(2)))).isEqualTo(number("2.25"));
            assertThat(eval(bin(POWER, lit(5), lit(0)))).isEqualTo(IntegerValue.of(1));
        }

        @Test
        void fractionalPowersUseDoublePrecision() {
            assertThat(eval(bin(POWER, lit(4), num("0.5")))).isEqualTo(IntegerValue.of(2));
            assertThat(eval(bin(POWER, lit(2), num("0.5"))).display()).isEqualTo("1.4142135623730951");
        }

        @Test
        void powerWithoutRealResultFails() {
            assertThatThrownBy(() -> eval(bin(POWER, lit(-8), num("0.5"))))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessageContaining("no real result")
                    .hasMessageContaining("'-8 ^ 0.5'");
        }

        @Test
        void overflowPromotesToDecimal() {
            assertThat(eval(bin(ADD, lit(Long.MAX_VALUE), lit(1))).display()).isEqualTo("9223372036854775808");
            assertThat(eval(bin(SUBTRACT, lit(Long.MIN_VALUE), lit(1))).display())
                    .isEqualTo("-9223372036854775809");
            assertThat(eval(bin(MULTIPLY, lit(Long.MAX_VALUE), lit(2))).display())
                    .isEqualTo("18446744073709551614");
            assertThat(eval(un(NEGATE, lit(Long.MIN_VALUE))).display()).isEqualTo("9223372036854775808");
            Value back = eval(bin(SUBTRACT, bin(ADD, lit(Long.MAX_VALUE), lit(1)), lit(1)));
            assertThat(Evaluator.equal(back, IntegerValue.of(Long.MAX_VALUE))).isTrue();
        }

        @Test
        void divisionByZeroNamesTheExpression() {
            variables.put("a", IntegerValue.of(1));
            variables.put("b", IntegerValue.ZERO);
            assertThatThrownBy(() -> eval(bin(DIVIDE, var("a"), var("b"))))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessage("division by zero in 'a / b'");
            assertThatThrownBy(() -> eval(bin(INTEGER_DIVIDE, var("a"), var("b"))))
                    .hasMessage("division by zero in 'a \\ b'");
            assertThatThrownBy(() -> eval(bin(MODULO, var("a"), var("b")))).hasMessage("division by zero in 'a MOD b'");
            assertThatThrownBy(() -> eval(bin(DIVIDE, num("1.5"), num("0.0"))))
                    .hasMessageStartingWith("division by zero");
            assertThatThrownBy(() -> eval(bin(POWER, lit(0), lit(-1)))).hasMessageStartingWith("division by zero");
        }

        @Test
        void nullCountsAsZero() {
            assertThat(eval(bin(ADD, var("unset"), lit(1)))).isEqualTo(IntegerValue.of(1));
            assertThat(eval(bin(MULTIPLY, nul(), lit(5)))).isEqualTo(IntegerValue.ZERO);
            assertThat(eval(bin(ADD, nul(), nul()))).isEqualTo(IntegerValue.ZERO);
            assertThat(eval(un(NEGATE, nul()))).isEqualTo(IntegerValue.ZERO);
        }

        @Test
        void numericTextCountsAsItsNumber() {
            assertThat(eval(bin(SUBTRACT, lit("42"), lit(2)))).isEqualTo(IntegerValue.of(40));
            assertThat(eval(bin(MULTIPLY, lit(" 3.5 "), lit(2)))).isEqualTo(IntegerValue.of(7));
            assertThat(eval(bin(DIVIDE, lit("1e3"), lit("10")))).isEqualTo(IntegerValue.of(100));
            assertThat(eval(un(NEGATE, lit("5")))).isEqualTo(IntegerValue.of(-5));
            assertThat(eval(bin(SUBTRACT, lit(""), lit(1)))).isEqualTo(IntegerValue.of(-1));
        }

        @Test
        void nonNumericOperandsFailNamingTheOperandAndItsValue() {
            variables.put("name", text("Bob"));
            assertThatThrownBy(() -> eval(bin(SUBTRACT, lit(10), var("name"))))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessage("'-' needs numbers, but its right operand 'name' is the text \"Bob\" in '10 - name'");
            assertThatThrownBy(() -> eval(bin(MULTIPLY, lit(true), lit(2))))
                    .hasMessageContaining("left operand 'TRUE' is the boolean TRUE");
            assertThatThrownBy(() -> eval(bin(DIVIDE, list(), lit(2)))).hasMessageContaining("is an empty list");
            assertThatThrownBy(() -> eval(un(NEGATE, lit("x"))))
                    .hasMessage("'-' needs a number, but '\"x\"' is the text \"x\" in '-\"x\"'");
        }
    }

    @Nested
    class Addition {

        @Test
        void concatenatesWhenEitherSideIsText() {
            assertThat(eval(bin(ADD, lit("Total: "), lit(5)))).isEqualTo(text("Total: 5"));
            assertThat(eval(bin(ADD, lit(5), lit(" items")))).isEqualTo(text("5 items"));
            assertThat(eval(bin(ADD, lit("4"), lit(2)))).isEqualTo(text("42"));
            assertThat(eval(bin(ADD, lit("a"), nul()))).isEqualTo(text("a"));
            assertThat(eval(bin(ADD, lit("ok: "), lit(true)))).isEqualTo(text("ok: true"));
            assertThat(eval(bin(ADD, lit("x"), num("1.50")))).isEqualTo(text("x1.5"));
            assertThat(eval(bin(ADD, lit("list: "), list(lit(1), lit("a"))))).isEqualTo(text("list: [1,\"a\"]"));
        }

        @Test
        void joinsListsAndMergesMaps() {
            assertThat(eval(bin(ADD, list(lit(1)), list(lit(2), lit(3)))))
                    .isEqualTo(new ListValue(List.of(IntegerValue.of(1), IntegerValue.of(2), IntegerValue.of(3))));
            variables.put("a", new MapValue(Map.of("x", IntegerValue.of(1))));
            variables.put("b", new MapValue(Map.of("X", IntegerValue.of(2), "y", IntegerValue.of(3))));
            MapValue merged = (MapValue) eval(bin(ADD, var("a"), var("b")));
            assertThat(merged.entries())
                    .containsExactly(Map.entry("x", IntegerValue.of(2)), Map.entry("y", IntegerValue.of(3)));
        }

        @Test
        void nullBesideAListOrMapIsEmpty() {
            assertThat(eval(bin(ADD, var("items"), list(lit("a"))))).isEqualTo(new ListValue(List.of(text("a"))));
            assertThat(eval(bin(ADD, list(lit("a")), nul()))).isEqualTo(new ListValue(List.of(text("a"))));
        }

        @Test
        void listPlusScalarFailsWithAHint() {
            assertThatThrownBy(() -> eval(bin(ADD, list(lit(1)), lit(2))))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessageContaining("cannot add a list of 1 element and the number 2")
                    .hasMessageContaining("list + [element]");
        }

        @Test
        void booleansDoNotAdd() {
            assertThatThrownBy(() -> eval(bin(ADD, lit(true), lit(1))))
                    .hasMessageContaining("'+' needs numbers, but its left operand 'TRUE' is the boolean TRUE");
        }

        @Test
        void ampersandAlwaysConcatenatesDisplayTexts() {
            assertThat(eval(bin(CONCAT, lit(1), lit(2)))).isEqualTo(text("12"));
            assertThat(eval(bin(CONCAT, nul(), lit("x")))).isEqualTo(text("x"));
            assertThat(eval(bin(CONCAT, num("2.50"), lit(false)))).isEqualTo(text("2.5false"));
        }
    }

    @Nested
    class Logic {

        @Test
        void truthinessTable() {
            assertThat(truthy(lit(false))).isFalse();
            assertThat(truthy(nul())).isFalse();
            assertThat(truthy(lit(0))).isFalse();
            assertThat(truthy(num("0.0"))).isFalse();
            assertThat(truthy(lit(""))).isFalse();
            assertThat(truthy(list())).isFalse();
            assertThat(truthy(new Expr.MapLiteral(List.of()))).isFalse();
            assertThat(truthy(lit(true))).isTrue();
            assertThat(truthy(lit(-1))).isTrue();
            assertThat(truthy(num("0.001"))).isTrue();
            assertThat(truthy(lit(" "))).isTrue();
            assertThat(truthy(lit("false"))).isTrue();
            assertThat(truthy(lit("0"))).isTrue();
            assertThat(truthy(list(nul()))).isTrue();
        }

        private boolean truthy(Expr expr) {
            Value negated = eval(un(NOT, expr));
            assertThat(negated).isInstanceOf(BooleanValue.class);
            return !((BooleanValue) negated).value();
        }

        @Test
        void andOrYieldBooleans() {
            assertThat(eval(bin(AND, lit("a"), lit(1)))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(AND, lit("a"), lit(0)))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(OR, nul(), lit("x")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(OR, nul(), lit("")))).isEqualTo(BooleanValue.FALSE);
        }

        @Test
        void andOrShortCircuit() {
            assertThat(eval(bin(AND, lit(false), call("TWICE", lit(1))))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(OR, lit(true), call("TWICE", lit(1))))).isEqualTo(BooleanValue.TRUE);
            assertThat(calls).isEmpty();
            // the right side is not evaluated, so it cannot fail
            assertThat(eval(bin(OR, lit(1), bin(DIVIDE, lit(1), lit(0))))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(AND, lit(0), bin(DIVIDE, lit(1), lit(0))))).isEqualTo(BooleanValue.FALSE);
        }

        @Test
        void isNullIsTrueForNullOnly() {
            assertThat(eval(un(IS_NULL, var("unset")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(un(IS_NULL, lit("")))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(un(IS_NULL, lit(0)))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(un(IS_NOT_NULL, lit("")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(un(IS_NOT_NULL, nul()))).isEqualTo(BooleanValue.FALSE);
        }
    }

    @Nested
    class Precedence {

        @Test
        void treesEvaluateAsBuilt() {
            // 2 + 3 * 4 parses as 2 + (3 * 4)
            assertThat(eval(bin(ADD, lit(2), bin(MULTIPLY, lit(3), lit(4))))).isEqualTo(IntegerValue.of(14));
            // (2 + 3) * 4
            assertThat(eval(bin(MULTIPLY, bin(ADD, lit(2), lit(3)), lit(4)))).isEqualTo(IntegerValue.of(20));
            // -(2 ^ 2) and (-2) ^ 2 (which is how -2 ^ 2 parses: unary minus binds tighter than ^)
            assertThat(eval(un(NEGATE, bin(POWER, lit(2), lit(2))))).isEqualTo(IntegerValue.of(-4));
            assertThat(eval(bin(POWER, un(NEGATE, lit(2)), lit(2)))).isEqualTo(IntegerValue.of(4));
            // 10 - 4 - 3 is (10 - 4) - 3
            assertThat(eval(bin(SUBTRACT, bin(SUBTRACT, lit(10), lit(4)), lit(3))))
                    .isEqualTo(IntegerValue.of(3));
            // NOT a = 1 parses as NOT (a = 1)
            variables.put("a", IntegerValue.of(1));
            assertThat(eval(un(NOT, bin(EQUAL, var("a"), lit(1))))).isEqualTo(BooleanValue.FALSE);
            // a = 1 OR b = 2 AND c = 3 parses as a = 1 OR (b = 2 AND c = 3)
            Expr expr = bin(OR, bin(EQUAL, var("a"), lit(1)), bin(AND, bin(EQUAL, var("b"), lit(2)), lit(false)));
            assertThat(eval(expr)).isEqualTo(BooleanValue.TRUE);
        }
    }

    @Nested
    class Comparison {

        @Test
        void numbersCompareByValue() {
            assertThat(eval(bin(EQUAL, lit(1), num("1.0")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(LESS, lit(1), num("1.5")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(GREATER_OR_EQUAL, num("2.5"), num("2.50")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(NOT_EQUAL, lit(1), lit(2)))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(LESS_OR_EQUAL, lit(3), lit(2)))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(GREATER, bin(ADD, lit(Long.MAX_VALUE), lit(1)), lit(Long.MAX_VALUE))))
                    .isEqualTo(BooleanValue.TRUE);
        }

        @Test
        void numericTextComparesWithNumbersByValue() {
            assertThat(eval(bin(EQUAL, lit("3"), lit(3)))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(EQUAL, lit(3), lit(" 3.0 ")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(GREATER, lit("10"), lit(9)))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(LESS, lit(9), lit("10")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(EQUAL, lit("three"), lit(3)))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(EQUAL, lit(""), lit(0)))).isEqualTo(BooleanValue.FALSE);
        }

        @Test
        void textsCompareExactlyAndLexicographically() {
            assertThat(eval(bin(EQUAL, lit("a"), lit("a")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(EQUAL, lit("a"), lit("A")))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(LESS, lit("apple"), lit("banana")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(LESS, lit("B"), lit("a")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(LESS, lit("2026-01-31"), lit("2026-02-01")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(GREATER, lit("10"), lit("9")))).isEqualTo(BooleanValue.FALSE);
        }

        @Test
        void nullEqualsNullAndTheEmptyTextOnly() {
            assertThat(eval(bin(EQUAL, var("unset"), nul()))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(EQUAL, var("unset"), lit("")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(EQUAL, lit(""), nul()))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(NOT_EQUAL, var("unset"), lit("")))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(EQUAL, nul(), lit(0)))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(EQUAL, nul(), lit(false)))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(EQUAL, nul(), list()))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(EQUAL, lit(" "), nul()))).isEqualTo(BooleanValue.FALSE);
        }

        @Test
        void nullOrdersAsZeroOrEmptyText() {
            assertThat(eval(bin(GREATER, var("count"), lit(0)))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(LESS, var("count"), lit(1)))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(GREATER, lit(-1), var("count")))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(LESS, var("name"), lit("a")))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(GREATER_OR_EQUAL, lit("a"), nul()))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(LESS_OR_EQUAL, nul(), nul()))).isEqualTo(BooleanValue.TRUE);
        }

        @Test
        void booleansEqualBooleansOnly() {
            assertThat(eval(bin(EQUAL, lit(true), lit(true)))).isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(EQUAL, lit(true), lit(1)))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(EQUAL, lit(true), lit("true")))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(LESS, lit(false), lit(true)))).isEqualTo(BooleanValue.TRUE);
        }

        @Test
        void listsAndMapsCompareDeeply() {
            assertThat(eval(bin(EQUAL, list(lit(1), lit("a")), list(num("1.0"), lit("a")))))
                    .isEqualTo(BooleanValue.TRUE);
            assertThat(eval(bin(EQUAL, list(lit(1)), list(lit(1), lit(2))))).isEqualTo(BooleanValue.FALSE);
            assertThat(eval(bin(EQUAL, list(lit(1)), list(lit(2))))).isEqualTo(BooleanValue.FALSE);
            MapValue left = new MapValue(Map.of("a", IntegerValue.of(1), "b", listValue(1)));
            MapValue reordered = new MapValue(new LinkedHashMap<>(Map.of("b", listValue(1), "a", number("1.0"))));
            assertThat(Evaluator.equal(left, reordered)).isTrue();
            assertThat(Evaluator.equal(left, new MapValue(Map.of("a", IntegerValue.of(1)))))
                    .isFalse();
            assertThat(Evaluator.equal(
                            new MapValue(Map.of("a", IntegerValue.of(1))),
                            new MapValue(Map.of("A", IntegerValue.of(1)))))
                    .isFalse();
            assertThat(Evaluator.equal(listValue(1), new MapValue(Map.of()))).isFalse();
        }

        private static ListValue listValue(Object... elements) {
            return (ListValue) Value.of(List.of(elements));
        }

        @Test
        void orderingIncomparableValuesFails() {
            assertThatThrownBy(() -> eval(bin(LESS, lit("abc"), lit(3))))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessage("cannot order the text \"abc\" and the number 3 in '\"abc\" < 3'");
            assertThatThrownBy(() -> eval(bin(GREATER, list(), lit(1))))
                    .hasMessageStartingWith("cannot order an empty list and the number 1");
            assertThatThrownBy(() -> eval(bin(GREATER, lit(true), lit(1))))
                    .hasMessageStartingWith("cannot order the boolean TRUE and the number 1");
            assertThatThrownBy(() -> Evaluator.compare(MapValue.EMPTY, MapValue.EMPTY))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessage("cannot order an empty map and an empty map");
        }

        @Test
        void publicCompareMatchesTheOperators() {
            assertThat(Evaluator.compare(IntegerValue.of(1), number("1.5"))).isNegative();
            assertThat(Evaluator.compare(text("10"), IntegerValue.of(9))).isPositive();
            assertThat(Evaluator.compare(text("b"), text("a"))).isPositive();
            assertThat(Evaluator.compare(NullValue.NULL, IntegerValue.ZERO)).isZero();
            assertThat(Evaluator.compare(number("2.0"), IntegerValue.of(2))).isZero();
        }
    }

    @Nested
    class MembersAndIndexes {

        private final MapValue response = (MapValue)
                Value.of(Map.of("data", Map.of("Name", "Ana", "items", List.of("a", "b", "c")), "status", 200));

        @Test
        void memberOfAMapFindsExactThenIgnoringCase() {
            variables.put("res", response);
            assertThat(eval(member(member(var("res"), "data"), "Name"))).isEqualTo(text("Ana"));
            assertThat(eval(member(member(var("res"), "data"), "name"))).isEqualTo(text("Ana"));
            assertThat(eval(member(var("res"), "missing"))).isEqualTo(NullValue.NULL);
            assertThat(eval(member(member(var("res"), "missing"), "deeper"))).isEqualTo(NullValue.NULL);
            assertThat(eval(member(var("unset"), "data"))).isEqualTo(NullValue.NULL);
        }

        @Test
        void listsAndTextsHaveALength() {
            variables.put("res", response);
            assertThat(eval(member(member(member(var("res"), "data"), "items"), "length")))
                    .isEqualTo(IntegerValue.of(3));
            assertThat(eval(member(list(lit(1)), "count"))).isEqualTo(IntegerValue.of(1));
            assertThat(eval(member(list(), "Size"))).isEqualTo(IntegerValue.ZERO);
            assertThat(eval(member(lit("olá👋"), "length"))).isEqualTo(IntegerValue.of(4));
        }

        @Test
        void memberOfANonMapFails() {
            variables.put("total", IntegerValue.of(42));
            assertThatThrownBy(() -> eval(member(var("total"), "value")))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessage("cannot read member 'value' of 'total', which is the number 42, not a map, in"
                            + " 'total.value'");
            assertThatThrownBy(() -> eval(member(lit("text"), "first"))).hasMessageContaining("a text has only length");
            assertThatThrownBy(() -> eval(member(list(), "first")))
                    .hasMessageContaining("a list has only length, count and size");
            assertThatThrownBy(() -> eval(member(lit(true), "x"))).hasMessageContaining("the boolean TRUE");
        }

        @Test
        void listIndexIsZeroBasedAndOutOfRangeIsNull() {
            variables.put("items", Value.of(List.of("a", "b", "c")));
            assertThat(eval(index(var("items"), lit(0)))).isEqualTo(text("a"));
            assertThat(eval(index(var("items"), lit(2)))).isEqualTo(text("c"));
            assertThat(eval(index(var("items"), lit("1")))).isEqualTo(text("b"));
            assertThat(eval(index(var("items"), num("1.0")))).isEqualTo(text("b"));
            assertThat(eval(index(var("items"), lit(3)))).isEqualTo(NullValue.NULL);
            assertThat(eval(index(var("items"), lit(-1)))).isEqualTo(NullValue.NULL);
            assertThat(eval(index(var("items"), lit(Long.MAX_VALUE)))).isEqualTo(NullValue.NULL);
            assertThat(eval(index(var("items"), nul()))).isEqualTo(NullValue.NULL);
            assertThat(eval(index(var("unset"), lit(0)))).isEqualTo(NullValue.NULL);
        }

        @Test
        void nonWholeIndexFails() {
            variables.put("items", Value.of(List.of("a")));
            assertThatThrownBy(() -> eval(index(var("items"), num("0.5"))))
                    .hasMessage("an index must be a whole number, but '0.5' is the number 0.5 in 'items[0.5]'");
            assertThatThrownBy(() -> eval(index(var("items"), lit("first"))))
                    .hasMessageContaining("is the text \"first\"");
            assertThatThrownBy(() -> eval(index(var("items"), lit(""))))
                    .hasMessageContaining("an index must be a whole number");
        }

        @Test
        void mapIndexIsByKey() {
            variables.put("res", response);
            assertThat(eval(index(var("res"), lit("status")))).isEqualTo(IntegerValue.of(200));
            assertThat(eval(index(var("res"), lit("STATUS")))).isEqualTo(IntegerValue.of(200));
            assertThat(eval(index(var("res"), lit("nope")))).isEqualTo(NullValue.NULL);
            variables.put("byNumber", new MapValue(Map.of("1", text("one"))));
            assertThat(eval(index(var("byNumber"), lit(1)))).isEqualTo(text("one"));
            assertThatThrownBy(() -> eval(index(var("res"), list()))).hasMessageContaining("a map key must be");
        }

        @Test
        void textIndexGivesOneCharacter() {
            assertThat(eval(index(lit("abc"), lit(1)))).isEqualTo(text("b"));
            assertThat(eval(index(lit("a👋c"), lit(1)))).isEqualTo(text("👋"));
            assertThat(eval(index(lit("a👋c"), lit(2)))).isEqualTo(text("c"));
            assertThat(eval(index(lit("abc"), lit(3)))).isEqualTo(NullValue.NULL);
        }

        @Test
        void indexingANumberFails() {
            assertThatThrownBy(() -> eval(index(lit(5), lit(0))))
                    .hasMessage("cannot index '5', which is the number 5, not a list, map or text, in '5[0]'");
        }
    }

    @Nested
    class Literals {

        @Test
        void templatesConcatenateDisplayTexts() {
            variables.put("name", text("Ana"));
            variables.put("total", number("12.50"));
            Expr expr = template(lit("Hi "), var("name"), lit(", you owe "), var("total"), lit("."), var("unset"));
            assertThat(eval(expr)).isEqualTo(text("Hi Ana, you owe 12.5."));
        }

        @Test
        void listAndMapLiteralsBuildValues() {
            variables.put("x", IntegerValue.of(7));
            assertThat(eval(list(lit(1), var("x"), list()))).isEqualTo(Value.of(List.of(1, 7, List.of())));
            Expr map = new Expr.MapLiteral(List.of(
                    new Expr.MapEntry("name", lit("Ana")),
                    new Expr.MapEntry("age", bin(ADD, var("x"), lit(1))),
                    new Expr.MapEntry("name", lit("Bia"))));
            MapValue value = (MapValue) eval(map);
            assertThat(value.entries())
                    .containsExactly(Map.entry("name", text("Bia")), Map.entry("age", IntegerValue.of(8)));
        }

        @Test
        void unsetVariablesReadAsNull() {
            assertThat(eval(var("nothing"))).isEqualTo(NullValue.NULL);
            assertThat(new Evaluator(Map.of(), Environments.system()).evaluate(var("x"), Variables.none()))
                    .isEqualTo(NullValue.NULL);
        }
    }

    @Nested
    class Calls {

        @Test
        void callsFunctionsByName() {
            assertThat(eval(call("TWICE", lit(21)))).isEqualTo(IntegerValue.of(42));
            assertThat(new Evaluator(Map.of("twice", functions.get("TWICE")), Environments.system())
                            .evaluate(call("TWICE", lit(2)), Variables.none()))
                    .isEqualTo(IntegerValue.of(4));
        }

        @Test
        void functionsReadTheEnvironment() {
            assertThat(eval(call("EPOCH"))).isEqualTo(IntegerValue.of(1234));
        }

        @Test
        void unknownFunctionFails() {
            assertThatThrownBy(() -> eval(call("NOPE", lit(1))))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessage("unknown function NOPE in 'NOPE(1)'; no built-in or installed plugin provides it");
        }

        @Test
        void arityIsChecked() {
            assertThatThrownBy(() -> eval(call("TWICE"))).hasMessage("TWICE takes 1 argument, but got 0 in 'TWICE()'");
            assertThatThrownBy(() -> eval(call("PICKY", lit(1), lit(2), lit(3))))
                    .hasMessage("PICKY takes 0 to 2 arguments, but got 3 in 'PICKY(1, 2, 3)'");
        }

        @Test
        void illegalArgumentsBecomeEvaluationExceptions() {
            assertThatThrownBy(() -> eval(call("PICKY", lit(41))))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessage("the answer must be 42 in 'PICKY(41)'")
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void pluginBugsAreWrappedWithTheCall() {
            assertThatThrownBy(() -> eval(call("BROKEN")))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessageContaining(
                            "function BROKEN failed (java.lang.IllegalStateException: bug) in 'BROKEN()'");
        }

        @Test
        void conditionalEvaluatesOnlyTheChosenBranch() {
            variables.put("n", IntegerValue.ZERO);
            Expr safe = call("IIF", bin(EQUAL, var("n"), lit(0)), lit(0), bin(DIVIDE, lit(10), var("n")));
            assertThat(eval(safe)).isEqualTo(IntegerValue.ZERO);
            variables.put("n", IntegerValue.of(5));
            assertThat(eval(safe)).isEqualTo(IntegerValue.of(2));
            assertThat(eval(call("IIF", lit(""), call("TWICE", lit(1)), lit("no"))))
                    .isEqualTo(text("no"));
            assertThat(calls).isEmpty();
        }
    }

    @Nested
    class Errors {

        @Test
        void expressionErrorsCarryTextAndSpan() {
            Expression expression =
                    new Expression("total / count", bin(DIVIDE, var("total"), var("count")), SourceSpan.of(3, 9, 13));
            variables.put("total", IntegerValue.of(10));
            assertThatThrownBy(() -> evaluator.evaluate(expression, Variables.of(variables)))
                    .isInstanceOfSatisfying(EvaluationException.class, e -> {
                        assertThat(e.span()).contains(SourceSpan.of(3, 9, 13));
                        assertThat(e.expressionText()).isEqualTo("total / count");
                        assertThat(e.problem()).isEqualTo("division by zero in 'total / count'");
                        assertThat(e.getMessage()).isEqualTo("3:9: division by zero in 'total / count'");
                        assertThat(e.getCause()).isInstanceOf(ArithmeticException.class);
                    });
        }

        @Test
        void messageNamesTheWholeExpressionWhenThePartDiffers() {
            Expression expression = new Expression(
                    "1 + total / count",
                    bin(ADD, lit(1), bin(DIVIDE, var("total"), var("count"))),
                    SourceSpan.of(1, 5, 17));
            assertThatThrownBy(() -> evaluator.evaluate(expression, Variables.none()))
                    .hasMessage("1:5: division by zero in 'total / count' (in '1 + total / count')");
        }

        @Test
        void treeErrorsNameTheRenderedExpression() {
            assertThatThrownBy(() -> eval(bin(ADD, lit(1), bin(DIVIDE, lit(1), lit(0)))))
                    .isInstanceOfSatisfying(EvaluationException.class, e -> {
                        assertThat(e.span()).isEmpty();
                        assertThat(e.expressionText()).isEqualTo("1 + 1 / 0");
                        assertThat(e.getMessage()).isEqualTo("division by zero in '1 / 0' (in '1 + 1 / 0')");
                    });
        }
    }

    @Test
    void decimalResultsAreCanonical() {
        assertThat(eval(bin(MULTIPLY, num("2.5"), lit(4)))).isInstanceOf(IntegerValue.class);
        assertThat(eval(bin(ADD, num("0.5"), num("0.25")))).isInstanceOf(DecimalValue.class);
    }
}
