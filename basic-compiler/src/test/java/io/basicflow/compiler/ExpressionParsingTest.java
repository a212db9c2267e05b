package io.basicflow.compiler;

import static io.basicflow.compiler.Scripts.bin;
import static io.basicflow.compiler.Scripts.call;
import static io.basicflow.compiler.Scripts.decimal;
import static io.basicflow.compiler.Scripts.entry;
import static io.basicflow.compiler.Scripts.index;
import static io.basicflow.compiler.Scripts.list;
import static io.basicflow.compiler.Scripts.lit;
import static io.basicflow.compiler.Scripts.map;
import static io.basicflow.compiler.Scripts.member;
import static io.basicflow.compiler.Scripts.nul;
import static io.basicflow.compiler.Scripts.step;
import static io.basicflow.compiler.Scripts.steps;
import static io.basicflow.compiler.Scripts.template;
import static io.basicflow.compiler.Scripts.un;
import static io.basicflow.compiler.Scripts.var;
import static io.basicflow.spi.program.Expr.BinaryOperator.ADD;
import static io.basicflow.spi.program.Expr.BinaryOperator.AND;
import static io.basicflow.spi.program.Expr.BinaryOperator.CONCAT;
import static io.basicflow.spi.program.Expr.BinaryOperator.DIVIDE;
import static io.basicflow.spi.program.Expr.BinaryOperator.EQUAL;
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

import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expressions: precedence, literals, member and index chains, templates, and the looser forms. */
class ExpressionParsingTest {

    /** The value of {@code x = <expression>}. */
    private static Expression value(String expression) {
        return ((Step.Assign) step("x = " + expression + "\n")).value();
    }

    private static Expr tree(String expression) {
        return value(expression).tree();
    }

    @Nested
    class Precedence {

        @Test
        void multiplicationBindsTighterThanAdditionAndComparisonLooserStill() {
            assertThat(tree("a + b * c = d - e / f"))
                    .isEqualTo(bin(
                            EQUAL,
                            bin(ADD, var("a"), bin(MULTIPLY, var("b"), var("c"))),
                            bin(SUBTRACT, var("d"), bin(DIVIDE, var("e"), var("f")))));
        }

        @Test
        void orIsLooserThanAndWhichIsLooserThanNot() {
            assertThat(tree("NOT a = 1 AND b OR c"))
                    .isEqualTo(bin(OR, bin(AND, un(NOT, bin(EQUAL, var("a"), lit(1))), var("b")), var("c")));
        }

        @Test
        void symbolicLogicOperatorsMeanTheSame() {
            assertThat(tree("a && b || c")).isEqualTo(tree("a AND b OR c"));
        }

        @Test
        void unaryMinusBindsTighterThanPower() {
            assertThat(tree("-a ^ 2")).isEqualTo(bin(POWER, un(NEGATE, var("a")), lit(2)));
            assertThat(tree("2 ^ -1")).isEqualTo(bin(POWER, lit(2), lit(-1)));
        }

        @Test
        void operatorsOfOneLevelAssociateToTheLeft() {
            assertThat(tree("a - b - c")).isEqualTo(bin(SUBTRACT, bin(SUBTRACT, var("a"), var("b")), var("c")));
            assertThat(tree("a MOD b \\ c")).isEqualTo(bin(INTEGER_DIVIDE, bin(MODULO, var("a"), var("b")), var("c")));
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "a = b|EQUAL",
                    "a == b|EQUAL",
                    "a <> b|NOT_EQUAL",
                    "a != b|NOT_EQUAL",
                    "a < b|LESS",
                    "a <= b|LESS_OR_EQUAL",
                    "a > b|GREATER",
                    "a >= b|GREATER_OR_EQUAL",
                    "a & b|CONCAT",
                    "a mod b|MODULO"
                })
        void everyBinaryOperator(String expression, Expr.BinaryOperator operator) {
            assertThat(tree(expression)).isEqualTo(bin(operator, var("a"), var("b")));
        }

        @Test
        void concatenationSitsWithAddition() {
            assertThat(tree("a & b + c")).isEqualTo(bin(ADD, bin(CONCAT, var("a"), var("b")), var("c")));
            assertThat(tree("a <= b")).isEqualTo(bin(LESS_OR_EQUAL, var("a"), var("b")));
            assertThat(tree("a >= b")).isEqualTo(bin(GREATER_OR_EQUAL, var("a"), var("b")));
            assertThat(tree("a <> b")).isEqualTo(bin(NOT_EQUAL, var("a"), var("b")));
        }

        @Test
        void isNullAndIsNotNull() {
            assertThat(tree("user IS NULL")).isEqualTo(un(IS_NULL, var("user")));
            assertThat(tree("a.b is not null AND c"))
                    .isEqualTo(bin(AND, un(IS_NOT_NULL, member(var("a"), "b")), var("c")));
        }

        @Test
        void conditionalExpressionIsTheLoosest() {
            assertThat(tree("a > 1 OR b ? \"x\" : \"y\""))
                    .isEqualTo(call(
                            "IIF",
                            bin(OR, bin(Expr.BinaryOperator.GREATER, var("a"), lit(1)), var("b")),
                            lit("x"),
                            lit("y")));
        }

        @Test
        void containsBetweenOperandsIsTheContainsFunction() {
            assertThat(tree("record.action CONTAINS \"grant\" ? 1 : 0"))
                    .isEqualTo(call(
                            "IIF", call("CONTAINS", member(var("record"), "action"), lit("grant")), lit(1), lit(0)));
        }

        @Test
        void parenthesesGroup() {
            assertThat(tree("(a + b) * c")).isEqualTo(bin(MULTIPLY, bin(ADD, var("a"), var("b")), var("c")));
        }
    }

    @Nested
    class Operands {

        @Test
        void numbersAreExact() {
            assertThat(tree("42")).isEqualTo(lit(42));
            assertThat(tree("0.1")).isEqualTo(decimal("0.1"));
            assertThat(tree("1e3")).isEqualTo(lit(1000));
            assertThat(tree("123456789012345678901234567890")).isEqualTo(decimal("123456789012345678901234567890"));
            assertThat(tree("-0.5")).isEqualTo(decimal("-0.5"));
        }

        @Test
        void trueFalseAndNullInAnyCase() {
            assertThat(tree("[TRUE, false, Null]")).isEqualTo(list(lit(true), lit(false), nul()));
        }

        @Test
        void variablesAreLowerCaseAndFunctionsUpperCase() {
            assertThat(tree("ubound(Items)")).isEqualTo(call("UBOUND", var("items")));
        }

        @Test
        void memberIndexAndCallChains() {
            assertThat(tree("data.meals[0].Name"))
                    .isEqualTo(member(index(member(var("data"), "meals"), lit(0)), "Name"));
            assertThat(tree("m[\"k\"]")).isEqualTo(index(var("m"), lit("k")));
            assertThat(tree("a?.b?.c")).isEqualTo(member(member(var("a"), "b"), "c"));
        }

        @Test
        void aMethodCallIsTheFunctionWithTheTargetFirst() {
            assertThat(tree("p.code.trim()")).isEqualTo(call("TRIM", member(var("p"), "code")));
            assertThat(tree("name.left(2)")).isEqualTo(call("LEFT", var("name"), lit(2)));
        }

        @Test
        void listsAndMapsNestAndSpanLines() {
            String literal = """
                    #{
                        "id": 1,
                        name: "Ana",
                        tags: ["a", "b",],
                        inner: { "x": [ ] }
                    }""";

            assertThat(tree(literal))
                    .isEqualTo(map(
                            entry("id", lit(1)),
                            entry("name", lit("Ana")),
                            entry("tags", list(lit("a"), lit("b"))),
                            entry("inner", map(entry("x", list())))));
            assertThat(tree("{}")).isEqualTo(map());
        }

        @Test
        void theExpressionKeepsItsRawTextAndSpanAcrossLines() {
            Expression value = value("[\n  1,\n  2\n]");

            assertThat(value.text()).isEqualTo("[\n  1,\n  2\n]");
            assertThat(value.span()).isEqualTo(new SourceSpan(1, 5, 4, 2));
        }

        @Test
        void aQuotedOperandIsAStringWhereAnOperandIsExpected() {
            assertThat(tree("'\"' + q + '\"'")).isEqualTo(bin(ADD, bin(ADD, lit("\""), var("q")), lit("\"")));
            assertThat(tree("'f' ' and this is a comment")).isEqualTo(lit("f"));
        }
    }

    @Nested
    class Strings {

        @Test
        void doubledQuotesAndEscapes() {
            assertThat(tree("\"say \"\"hi\"\"\\n\\tnow \\\"x\\\" \\\\ \\d\""))
                    .isEqualTo(lit("say \"hi\"\n\tnow \"x\" \\ \\d"));
        }

        @Test
        void stringsMaySpanLines() {
            assertThat(steps("x = \"\nline one\nline two\"\ny = 1\n")).hasSize(2);
            assertThat(tree("\"a\nb\"")).isEqualTo(lit("a\nb"));
        }

        @Test
        void dollarBracesInterpolateInEveryString() {
            assertThat(tree("\"id=${items[k].id}&n=${n + 1}\""))
                    .isEqualTo(template(
                            lit("id="),
                            member(index(var("items"), var("k")), "id"),
                            lit("&n="),
                            bin(ADD, var("n"), lit(1))));
            assertThat(tree("\"${FORMAT(d, \"yyyy\")}!\""))
                    .isEqualTo(template(call("FORMAT", var("d"), lit("yyyy")), lit("!")));
        }

        @Test
        void dollarBracesThatDoNotParseStayText() {
            assertThat(tree("\"total ${{amount}} due\"")).isEqualTo(lit("total ${{amount}} due"));
            assertThat(tree("\"cost ${ }\"")).isEqualTo(lit("cost ${ }"));
            assertThat(tree("\"a ${b +} c\"")).isEqualTo(lit("a ${b +} c"));
        }

        @Test
        void bracesInterpolateOnlyInMessagesAndOnlyAssignedNames() {
            Step.Talk talk =
                    (Step.Talk) steps("ticket = 7\nTALK \"Ticket #{ticket}, see {nothing} or {\\\"json\\\": 1}\"\n")
                            .get(1);

            assertThat(talk.message().tree())
                    .isEqualTo(template(lit("Ticket #"), var("ticket"), lit(", see {nothing} or {\"json\": 1}")));
            assertThat(tree("\"{ticket}\"")).isEqualTo(lit("{ticket}"));
        }

        @Test
        void bracesTakeMemberPaths() {
            Step.Talk talk =
                    (Step.Talk) steps("order = 1\nTALK \"Order {order.id}\"\n").get(1);

            assertThat(talk.message().tree()).isEqualTo(template(lit("Order "), member(var("order"), "id")));
        }
    }

    @Nested
    class LooserForms {

        @Test
        void aKnownFunctionWithoutParenthesesBindsTightestInsideAnExpression() {
            assertThat(tree("\"PO-\" + FORMAT NOW() AS \"YYYYMMDD\" + \"-\" + FORMAT RANDOM(100, 999)"))
                    .isEqualTo(bin(
                            ADD,
                            bin(ADD, bin(ADD, lit("PO-"), call("FORMAT", call("NOW"), lit("YYYYMMDD"))), lit("-")),
                            call("FORMAT", call("RANDOM", lit(100), lit(999)))));
        }

        @Test
        void wholeRightHandSideFunctionsWithoutParenthesesTakeCommas() {
            assertThat(tree("DATEADD today, \"days\", -7"))
                    .isEqualTo(call("DATEADD", var("today"), lit("days"), lit(-7)));
        }

        @Test
        void anIfCallInAnExpressionIsAFunctionCall() {
            Step.Talk talk = (Step.Talk) step("TALK LEN(x) + 1\n");

            assertThat(talk.message().tree()).isEqualTo(bin(ADD, call("LEN", var("x")), lit(1)));
        }

        @Test
        void comparisonInAConditionUsesSingleEquals() {
            Step.If ifStep = (Step.If) step("IF a = 1 THEN b = 2\n");

            assertThat(ifStep.branches().getFirst().condition().tree()).isEqualTo(bin(EQUAL, var("a"), lit(1)));
            assertThat(((Step.Assign) ifStep.branches().getFirst().body().getFirst())
                            .value()
                            .tree())
                    .isEqualTo(lit(2));
            assertThat(tree("a < b")).isEqualTo(bin(LESS, var("a"), var("b")));
        }
    }
}
