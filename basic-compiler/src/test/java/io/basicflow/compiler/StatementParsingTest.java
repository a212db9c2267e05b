package io.basicflow.compiler;

import static io.basicflow.compiler.Scripts.bin;
import static io.basicflow.compiler.Scripts.call;
import static io.basicflow.compiler.Scripts.entry;
import static io.basicflow.compiler.Scripts.ex;
import static io.basicflow.compiler.Scripts.lit;
import static io.basicflow.compiler.Scripts.map;
import static io.basicflow.compiler.Scripts.member;
import static io.basicflow.compiler.Scripts.nul;
import static io.basicflow.compiler.Scripts.program;
import static io.basicflow.compiler.Scripts.span;
import static io.basicflow.compiler.Scripts.step;
import static io.basicflow.compiler.Scripts.steps;
import static io.basicflow.compiler.Scripts.template;
import static io.basicflow.compiler.Scripts.var;
import static io.basicflow.spi.program.Expr.BinaryOperator.ADD;
import static io.basicflow.spi.program.Expr.BinaryOperator.EQUAL;
import static io.basicflow.spi.program.Expr.BinaryOperator.GREATER;
import static io.basicflow.spi.program.Expr.BinaryOperator.LESS;
import static io.basicflow.spi.program.Expr.BinaryOperator.SUBTRACT;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Procedure;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Step.Argument;
import io.basicflow.spi.program.Target;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every statement form compiles to the exact Step records, with spans, targets, text and trees. */
class StatementParsingTest {

    @Nested
    class Assignments {

        @Test
        void plainSetAndLetAssignTheSameWay() {
            assertThat(steps("x = 1 + 2\nSET y = x\nlet Z = \"a\"\n"))
                    .containsExactly(
                            new Step.Assign(
                                    span(1, 1, 10), Target.variable("x"), ex("1 + 2", bin(ADD, lit(1), lit(2)), 1, 5)),
                            new Step.Assign(span(2, 1, 10), Target.variable("y"), ex("x", var("x"), 2, 9)),
                            new Step.Assign(span(3, 1, 12), Target.variable("z"), ex("\"a\"", lit("a"), 3, 9)));
        }

        @Test
        void memberAndIndexTargetsKeepTheirPath() {
            Step.Assign assign = (Step.Assign) step("order.Lines[i + 1].price = 3\n");

            assertThat(assign.target())
                    .isEqualTo(new Target(
                            "order",
                            List.of(
                                    new Target.Accessor.Field("Lines"),
                                    new Target.Accessor.Element(ex("i + 1", bin(ADD, var("i"), lit(1)), 1, 13)),
                                    new Target.Accessor.Field("price"))));
            assertThat(assign.span()).isEqualTo(span(1, 1, 29));
        }

        @Test
        void aWordOfTheLanguageFollowedByEqualsIsAVariable() {
            assertThat(steps("description = \"d\"\nnext = 2\n"))
                    .extracting(s -> ((Step.Assign) s).target().variable())
                    .containsExactly("description", "next");
        }

        @Test
        void aFunctionOfTheScriptAsTheWholeRightHandSideIsACall() {
            Program program = program("total = add(1, 2)\nFUNCTION add(a, b)\n  RETURN a + b\nEND FUNCTION\n");

            assertThat(program.body())
                    .containsExactly(new Step.CallProcedure(
                            span(1, 1, 18),
                            "add",
                            List.of(ex("1", lit(1), 1, 13), ex("2", lit(2), 1, 16)),
                            Optional.of(Target.variable("total"))));
            assertThat(program.procedure("ADD")).isPresent();
        }

        @Test
        void compoundAssignmentsReadTheVariable() {
            assertThat(steps("n += 2\ns &= \"!\"\n"))
                    .containsExactly(
                            new Step.Assign(
                                    span(1, 1, 7),
                                    Target.variable("n"),
                                    ex("n += 2", bin(ADD, var("n"), lit(2)), 1, 1)),
                            new Step.Assign(
                                    span(2, 1, 9),
                                    Target.variable("s"),
                                    ex("s &= \"!\"", bin(Expr.BinaryOperator.CONCAT, var("s"), lit("!")), 2, 1)));
        }

        @Test
        void aKnownFunctionWithoutParenthesesTakesCommaArguments() {
            Step.Assign assign = (Step.Assign) step("m = MAX a, b\n");

            assertThat(assign.value()).isEqualTo(ex("MAX a, b", call("MAX", var("a"), var("b")), 1, 5));
        }
    }

    @Nested
    class Talk {

        @Test
        void talkKeepsItsMessageExpression() {
            assertThat(step("TALK \"Hello \" + name\n"))
                    .isEqualTo(new Step.Talk(
                            span(1, 1, 21), ex("\"Hello \" + name", bin(ADD, lit("Hello "), var("name")), 1, 6)));
        }

        @Test
        void talkToHasARecipientAndAMessage() {
            assertThat(step("TALK TO \"whatsapp:+5511\", \"Hi\"\n"))
                    .isEqualTo(new Step.TalkTo(
                            span(1, 1, 31),
                            ex("\"whatsapp:+5511\"", lit("whatsapp:+5511"), 1, 9),
                            ex("\"Hi\"", lit("Hi"), 1, 27)));
        }

        @Test
        void talkBlockLinesAreTemplates() {
            Step.TalkBlock block =
                    (Step.TalkBlock) steps("n = 1\nBEGIN TALK\n**Hello** {n}\n\n  ${n + 1} items\nEND TALK\n")
                            .get(1);

            assertThat(block)
                    .isEqualTo(new Step.TalkBlock(
                            span(2, 1, 11),
                            List.of(
                                    ex("**Hello** {n}", template(lit("**Hello** "), var("n")), 3, 1),
                                    new Expression("", lit(""), span(4, 1, 1)),
                                    new Expression(
                                            "${n + 1} items",
                                            template(lit("  "), bin(ADD, var("n"), lit(1)), lit(" items")),
                                            span(5, 3, 17)))));
        }
    }

    @Nested
    class Hear {

        @Test
        void plainHearAcceptsAnyText() {
            assertThat(step("HEAR answer\n"))
                    .isEqualTo(new Step.Hear(
                            span(1, 1, 12), Target.variable("answer"), new Step.HearKind.Any(), Optional.empty()));
        }

        @Test
        void aTypeAliasBecomesItsDeclaredName() {
            assertThat(((Step.Hear) step("HEAR note AS text\n")).kind()).isEqualTo(new Step.HearKind.Typed("STRING"));
            assertThat(((Step.Hear) step("HEAR mail AS EMAIL\n")).kind()).isEqualTo(new Step.HearKind.Typed("EMAIL"));
        }

        @Test
        void optionsMakeAMenuAndWithGivesAPrompt() {
            assertThat(step("HEAR choice AS \"Yes\", \"No\" WITH \"Go on?\"\n"))
                    .isEqualTo(new Step.Hear(
                            span(1, 1, 41),
                            Target.variable("choice"),
                            new Step.HearKind.Menu(
                                    List.of(ex("\"Yes\"", lit("Yes"), 1, 16), ex("\"No\"", lit("No"), 1, 23))),
                            Optional.of(ex("\"Go on?\"", lit("Go on?"), 1, 33))));
        }

        @Test
        void menuWordAndTypedPromptAreAccepted() {
            Step.Hear menu = (Step.Hear) step("HEAR c AS MENU \"A\", \"B\"\n");
            Step.Hear typed = (Step.Hear) step("HEAR d AS DATE WITH \"When?\"\n");

            assertThat(menu.kind()).isInstanceOf(Step.HearKind.Menu.class);
            assertThat(typed.kind()).isEqualTo(new Step.HearKind.Typed("DATE"));
            assertThat(typed.prompt()).contains(ex("\"When?\"", lit("When?"), 1, 21));
        }

        @Test
        void oneTextAfterAsIsAPromptNotAMenuOfOneOption() {
            assertThat(step("HEAR c AS \"What now?\"\n"))
                    .isEqualTo(new Step.Hear(
                            span(1, 1, 22),
                            Target.variable("c"),
                            new Step.HearKind.Any(),
                            Optional.of(ex("\"What now?\"", lit("What now?"), 1, 11))));
        }

        @Test
        void anAssignedHearIsTheStatementAndItsTextThePrompt() {
            // x = HEAR "Enter your age:" (reference pages keyword-instr.md, keyword-is-numeric.md)
            assertThat(step("age = HEAR \"Your age?\"\n"))
                    .isEqualTo(new Step.Hear(
                            span(1, 1, 23),
                            Target.variable("age"),
                            new Step.HearKind.Any(),
                            Optional.of(ex("\"Your age?\"", lit("Your age?"), 1, 12))));
            assertThat(step("code = HEAR\n"))
                    .isEqualTo(new Step.Hear(
                            span(1, 1, 12), Target.variable("code"), new Step.HearKind.Any(), Optional.empty()));
            assertThat(((Step.Hear) step("d = HEAR AS DATE\n")).kind()).isEqualTo(new Step.HearKind.Typed("DATE"));
        }

        @Test
        void delayIsWait() {
            // DELAY 86400 (a corpus orchestration script): no reference page; read as WAIT 86400
            assertThat(step("DELAY 5\n")).isInstanceOf(Step.Wait.class);
            assertThat(steps("delay = 2\nWAIT delay\n").getFirst()).isInstanceOf(Step.Assign.class);
        }

        @Test
        void aStarAmongTheOptionsAcceptsAnything() {
            assertThat(((Step.Hear) step("HEAR code AS \"done\", *\n")).kind()).isEqualTo(new Step.HearKind.Any());
        }

        @Test
        void promptsInterpolateNamesTheScriptAssigns() {
            Step.Hear hear = (Step.Hear) steps("who = \"Ana\"\nHEAR x WITH \"Hi {who}, {nobody}?\"\n")
                    .get(1);

            assertThat(hear.prompt().orElseThrow().tree())
                    .isEqualTo(template(lit("Hi "), var("who"), lit(", {nobody}?")));
        }

        @Test
        void aDefaultAssignsTheValueWhenTheAnswerIsEmpty() {
            List<Step> steps = steps("HEAR range AS TEXT DEFAULT \"24h\"\n");

            SourceSpan whole = span(1, 1, 33);
            SourceSpan fallback = span(1, 20, 33);
            assertThat(steps)
                    .containsExactly(
                            new Step.Hear(
                                    whole,
                                    Target.variable("range"),
                                    new Step.HearKind.Typed("STRING"),
                                    Optional.empty()),
                            new Step.If(
                                    whole,
                                    List.of(new Step.Branch(
                                            fallback,
                                            new Expression(
                                                    "range = \"\"",
                                                    bin(Expr.BinaryOperator.EQUAL, var("range"), lit("")),
                                                    fallback),
                                            List.of(new Step.Assign(
                                                    fallback,
                                                    Target.variable("range"),
                                                    ex("\"24h\"", lit("24h"), 1, 28))))),
                                    List.of()));
        }
    }

    @Nested
    class Conditions {

        @Test
        void blockIfWithElseIfAndElse() {
            String script = """
                    IF a > 1 THEN
                      x = 1
                    ELSEIF a < 0 THEN
                      x = 2
                    ELSE IF a = 0 THEN
                      x = 3
                    ELSE
                      x = 4
                    END IF
                    """;

            assertThat(step(script))
                    .isEqualTo(new Step.If(
                            span(1, 1, 14),
                            List.of(
                                    new Step.Branch(
                                            span(1, 1, 14),
                                            ex("a > 1", bin(GREATER, var("a"), lit(1)), 1, 4),
                                            List.of(new Step.Assign(
                                                    span(2, 3, 8), Target.variable("x"), ex("1", lit(1), 2, 7)))),
                                    new Step.Branch(
                                            span(3, 1, 18),
                                            ex("a < 0", bin(LESS, var("a"), lit(0)), 3, 8),
                                            List.of(new Step.Assign(
                                                    span(4, 3, 8), Target.variable("x"), ex("2", lit(2), 4, 7)))),
                                    new Step.Branch(
                                            span(5, 1, 19),
                                            ex("a = 0", bin(EQUAL, var("a"), lit(0)), 5, 9),
                                            List.of(new Step.Assign(
                                                    span(6, 3, 8), Target.variable("x"), ex("3", lit(3), 6, 7))))),
                            List.of(new Step.Assign(span(8, 3, 8), Target.variable("x"), ex("4", lit(4), 8, 7)))));
        }

        @Test
        void oneLineIfWithElse() {
            assertThat(step("IF ok THEN TALK \"yes\" ELSE TALK \"no\"\n"))
                    .isEqualTo(new Step.If(
                            span(1, 1, 37),
                            List.of(new Step.Branch(
                                    span(1, 1, 37),
                                    ex("ok", var("ok"), 1, 4),
                                    List.of(new Step.Talk(span(1, 12, 22), ex("\"yes\"", lit("yes"), 1, 17))))),
                            List.of(new Step.Talk(span(1, 28, 37), ex("\"no\"", lit("no"), 1, 33)))));
        }

        @Test
        void elseIfFollowedByAStatementIsAnElseBlockStartingWithAOneLineIf() {
            Step.If outer = (Step.If) step("IF a THEN\n  x = 1\nELSE IF b THEN x = 2\n  x = 3\nEND IF\n");

            assertThat(outer.branches()).hasSize(1);
            assertThat(outer.otherwise()).hasSize(2);
            assertThat(outer.otherwise().getFirst()).isInstanceOf(Step.If.class);
        }

        @Test
        void endifIsAcceptedAsEndIf() {
            assertThat(step("IF a THEN\n  x = 1\nENDIF\n")).isInstanceOf(Step.If.class);
        }

        @Test
        void selectCaseWithValuesRangesComparisonsAndElse() {
            String script = """
                    SELECT CASE n
                      CASE 1, 2
                        x = "small"
                      CASE 3 TO 9
                        x = "medium"
                      CASE IS > 9
                        x = "large"
                      CASE ELSE
                        x = "none"
                    END SELECT
                    """;

            assertThat(step(script))
                    .isEqualTo(new Step.Select(
                            span(1, 1, 14),
                            ex("n", var("n"), 1, 13),
                            List.of(
                                    new Step.Case(
                                            span(2, 3, 12),
                                            List.of(
                                                    new Step.CaseTest.Equals(ex("1", lit(1), 2, 8)),
                                                    new Step.CaseTest.Equals(ex("2", lit(2), 2, 11))),
                                            List.of(new Step.Assign(
                                                    span(3, 5, 16),
                                                    Target.variable("x"),
                                                    ex("\"small\"", lit("small"), 3, 9)))),
                                    new Step.Case(
                                            span(4, 3, 14),
                                            List.of(new Step.CaseTest.Between(
                                                    ex("3", lit(3), 4, 8), ex("9", lit(9), 4, 13))),
                                            List.of(new Step.Assign(
                                                    span(5, 5, 17),
                                                    Target.variable("x"),
                                                    ex("\"medium\"", lit("medium"), 5, 9)))),
                                    new Step.Case(
                                            span(6, 3, 14),
                                            List.of(new Step.CaseTest.Compare(GREATER, ex("9", lit(9), 6, 13))),
                                            List.of(new Step.Assign(
                                                    span(7, 5, 16),
                                                    Target.variable("x"),
                                                    ex("\"large\"", lit("large"), 7, 9))))),
                            List.of(new Step.Assign(
                                    span(9, 5, 15), Target.variable("x"), ex("\"none\"", lit("none"), 9, 9)))));
        }

        @Test
        void switchWithDefaultIsASelect() {
            Step.Select select =
                    (Step.Select) step("SWITCH role\n  CASE \"a\"\n    x = 1\n  DEFAULT\n    x = 2\nEND SWITCH\n");

            assertThat(select.cases()).hasSize(1);
            assertThat(select.otherwise())
                    .containsExactly(new Step.Assign(span(5, 5, 10), Target.variable("x"), ex("2", lit(2), 5, 9)));
        }
    }

    @Nested
    class Loops {

        @Test
        void forEachWithNextOrEndFor() {
            Step expected = new Step.ForEach(
                    span(1, 1, 23),
                    "item",
                    ex("items", var("items"), 1, 18),
                    List.of(new Step.Talk(span(2, 3, 12), ex("item", var("item"), 2, 8))));

            assertThat(step("FOR EACH item IN items\n  TALK item\nNEXT\n")).isEqualTo(expected);
            assertThat(step("FOR EACH item IN items\n  TALK item\nEND FOR\n")).isEqualTo(expected);
            assertThat(step("FOR EACH item IN items\n  TALK item\nNEXT item\n")).isEqualTo(expected);
        }

        @Test
        void forEachMayEndWithDo() {
            assertThat(((Step.ForEach) step("FOR EACH x IN xs DO\n  TALK x\nEND FOR\n")).span())
                    .isEqualTo(span(1, 1, 20));
        }

        @Test
        void countedForWithStep() {
            assertThat(step("FOR i = 10 TO 1 STEP -1\n  TALK i\nNEXT i\n"))
                    .isEqualTo(new Step.ForRange(
                            span(1, 1, 24),
                            "i",
                            ex("10", lit(10), 1, 9),
                            ex("1", lit(1), 1, 15),
                            Optional.of(ex("-1", lit(-1), 1, 22)),
                            List.of(new Step.Talk(span(2, 3, 9), ex("i", var("i"), 2, 8)))));
        }

        @Test
        void doLoopsTestBeforeOrAfter() {
            Step.DoLoop whileBefore = (Step.DoLoop) step("DO WHILE n > 0\n  n = n - 1\nLOOP\n");
            Step.DoLoop untilAfter = (Step.DoLoop) step("DO\n  n = n - 1\nLOOP UNTIL n = 0\n");
            Step.DoLoop untilBefore = (Step.DoLoop) step("DO UNTIL done\nLOOP\n");
            Step.DoLoop whileAfter = (Step.DoLoop) step("DO\nLOOP WHILE busy\n");
            Step.DoLoop forever = (Step.DoLoop) step("DO\n  EXIT DO\nLOOP\n");

            assertThat(whileBefore)
                    .isEqualTo(new Step.DoLoop(
                            span(1, 1, 15),
                            Step.LoopTest.WHILE_BEFORE,
                            Optional.of(ex("n > 0", bin(GREATER, var("n"), lit(0)), 1, 10)),
                            List.of(new Step.Assign(
                                    span(2, 3, 12),
                                    Target.variable("n"),
                                    ex("n - 1", bin(SUBTRACT, var("n"), lit(1)), 2, 7)))));
            assertThat(untilAfter.test()).isEqualTo(Step.LoopTest.UNTIL_AFTER);
            assertThat(untilAfter.condition()).contains(ex("n = 0", bin(EQUAL, var("n"), lit(0)), 3, 12));
            assertThat(untilBefore.test()).isEqualTo(Step.LoopTest.UNTIL_BEFORE);
            assertThat(whileAfter.test()).isEqualTo(Step.LoopTest.WHILE_AFTER);
            assertThat(forever.test()).isEqualTo(Step.LoopTest.NONE);
            assertThat(forever.body()).containsExactly(new Step.Exit(span(2, 3, 10), Step.ExitTarget.DO));
        }

        @Test
        void whileLoopsEndWithWendOrEndWhile() {
            Step expected = new Step.DoLoop(
                    span(1, 1, 11),
                    Step.LoopTest.WHILE_BEFORE,
                    Optional.of(ex("busy", var("busy"), 1, 7)),
                    List.of(new Step.Exit(span(2, 3, 13), Step.ExitTarget.DO)));

            assertThat(step("WHILE busy\n  EXIT WHILE\nWEND\n")).isEqualTo(expected);
            assertThat(step("WHILE busy\n  EXIT WHILE\nEND WHILE\n")).isEqualTo(expected);
            assertThat(((Step.DoLoop) step("WHILE busy DO\nEND WHILE\n")).span())
                    .isEqualTo(span(1, 1, 14));
        }

        @Test
        void exitLeavesItsTarget() {
            Step.ForEach loop = (Step.ForEach) step("FOR EACH x IN xs\n  IF x THEN EXIT FOR\nNEXT\n");
            Step.If inner = (Step.If) loop.body().getFirst();

            assertThat(inner.branches().getFirst().body())
                    .containsExactly(new Step.Exit(span(2, 13, 21), Step.ExitTarget.FOR));
            assertThat(step("EXIT\n")).isEqualTo(new Step.Exit(span(1, 1, 5), Step.ExitTarget.SCRIPT));
        }
    }

    @Nested
    class Procedures {

        @Test
        void subsAndFunctionsMayBeCalledBeforeTheyAreDefined() {
            String script = """
                    CALL greet("Ana")
                    CALL greet "Bo"
                    n = twice(2)
                    SUB greet(who)
                      TALK "Hi " + who
                      EXIT SUB
                    END SUB
                    FUNCTION twice(x)
                      RETURN x * 2
                    END FUNCTION
                    """;
            Program program = program(script);

            assertThat(program.body())
                    .containsExactly(
                            new Step.CallProcedure(
                                    span(1, 1, 18),
                                    "greet",
                                    List.of(ex("\"Ana\"", lit("Ana"), 1, 12)),
                                    Optional.empty()),
                            new Step.CallProcedure(
                                    span(2, 1, 16), "greet", List.of(ex("\"Bo\"", lit("Bo"), 2, 12)), Optional.empty()),
                            new Step.CallProcedure(
                                    span(3, 1, 13),
                                    "twice",
                                    List.of(ex("2", lit(2), 3, 11)),
                                    Optional.of(Target.variable("n"))));
            assertThat(program.procedures().keySet()).containsExactly("greet", "twice");
            assertThat(program.procedures().get("greet"))
                    .isEqualTo(new Procedure(
                            span(4, 1, 15),
                            "greet",
                            List.of("who"),
                            false,
                            List.of(
                                    new Step.Talk(
                                            span(5, 3, 19),
                                            ex("\"Hi \" + who", bin(ADD, lit("Hi "), var("who")), 5, 8)),
                                    new Step.Exit(span(6, 3, 11), Step.ExitTarget.PROCEDURE))));
            assertThat(program.procedures().get("twice").function()).isTrue();
        }

        @Test
        void theScriptsOwnProcedureWinsOverAPluginKeywordOfTheSameName() {
            Program program = program(
                    "log \"x\"\nr = create(1)\nSUB log(m)\nEND SUB\nFUNCTION create(n)\n  RETURN n\nEND FUNCTION\n");

            assertThat(program.body()).allSatisfy(step -> assertThat(step).isInstanceOf(Step.CallProcedure.class));
        }

        @Test
        void callWithAStringRunsAnotherScript() {
            assertThat(step("CALL \"other.bas\"\n"))
                    .isEqualTo(new Step.CallScript(span(1, 1, 17), ex("\"other.bas\"", lit("other.bas"), 1, 6)));
        }

        @Test
        void returnWithOrWithoutValue() {
            assertThat(steps("RETURN\nRETURN total\n"))
                    .containsExactly(
                            new Step.Return(span(1, 1, 7), Optional.empty()),
                            new Step.Return(span(2, 1, 13), Optional.of(ex("total", var("total"), 2, 8))));
        }

        @Test
        void returnWithFieldsReturnsAMap() {
            assertThat(step("RETURN WITH code AS 1, name AS n\n"))
                    .isEqualTo(new Step.Return(
                            span(1, 1, 33),
                            Optional.of(ex(
                                    "WITH code AS 1, name AS n",
                                    map(entry("code", lit(1)), entry("name", var("n"))),
                                    1,
                                    8))));
        }
    }

    @Nested
    class WithParamDescription {

        @Test
        void withBuildsAMapFromNameValueLines() {
            assertThat(step("WITH order\n  id = 7\n  ' a comment\n  Total = id * 2\nEND WITH\n"))
                    .isEqualTo(new Step.With(
                            span(1, 1, 11),
                            Target.variable("order"),
                            List.of(
                                    new Step.WithField(span(2, 3, 9), "id", ex("7", lit(7), 2, 8)),
                                    new Step.WithField(
                                            span(4, 3, 17),
                                            "Total",
                                            ex(
                                                    "id * 2",
                                                    bin(Expr.BinaryOperator.MULTIPLY, var("id"), lit(2)),
                                                    4,
                                                    11)))));
        }

        @Test
        void paramWithEveryClause() {
            assertThat(step("PARAM email AS EMAIL LIKE \"a@b.c\" DESCRIPTION \"Where to write\" OPTIONAL\n"))
                    .isEqualTo(new Step.Param(
                            span(1, 1, 72),
                            "email",
                            "EMAIL",
                            Optional.of("a@b.c"),
                            Optional.of("Where to write"),
                            true,
                            List.of()));
        }

        @Test
        void paramWithChoicesIsAnEnumAndNumbersMayBeExamples() {
            Step.Param choices = (Step.Param) step("PARAM unit AS \"celsius\", \"fahrenheit\"\n");
            Step.Param number = (Step.Param) step("PARAM qty AS integer LIKE 10\n");
            Step.Param described = (Step.Param) step("PARAM where AS \"The city and state\"\n");

            assertThat(choices.type()).isEqualTo("ENUM");
            assertThat(choices.choices()).containsExactly("celsius", "fahrenheit");
            assertThat(number.type()).isEqualTo("INTEGER");
            assertThat(number.example()).contains("10");
            assertThat(described.type()).isEqualTo("STRING");
            assertThat(described.description()).contains("The city and state");
            assertThat(described.choices()).isEmpty();
        }

        @Test
        void descriptionTakesAStringOrTheRestOfTheLine() {
            assertThat(steps("DESCRIPTION \"Sends a reminder\"\nDESCRIPTION It is a web service.\n"))
                    .containsExactly(
                            new Step.Description(span(1, 1, 31), "Sends a reminder"),
                            new Step.Description(span(2, 1, 33), "It is a web service."));
        }
    }

    @Nested
    class PluginStatements {

        @Test
        void sendMailAndItsAliasCompileToSendMail() {
            assertThat(step("SEND MAIL to, \"Hi\", body\n"))
                    .isEqualTo(new Step.SendMail(
                            span(1, 1, 25),
                            ex("to", var("to"), 1, 11),
                            ex("\"Hi\"", lit("Hi"), 1, 15),
                            ex("body", var("body"), 1, 21)));
            assertThat(step("SEND EMAIL to, \"Hi\", body\n"))
                    .isEqualTo(new Step.SendMail(
                            span(1, 1, 26),
                            ex("to", var("to"), 1, 12),
                            ex("\"Hi\"", lit("Hi"), 1, 16),
                            ex("body", var("body"), 1, 22)));
        }

        @Test
        void beginMailHasASubjectLineThenTheBody() {
            String script =
                    "who = \"Ana\"\nBEGIN MAIL \"a@b.c\"\nSubject: Hello {who}\n\nDear {who},\nsee you.\nEND MAIL\n";

            assertThat(steps(script).get(1))
                    .isEqualTo(new Step.SendMail(
                            span(2, 1, 19),
                            ex("\"a@b.c\"", lit("a@b.c"), 2, 12),
                            ex("Hello {who}", template(lit("Hello "), var("who")), 3, 10),
                            new Expression(
                                    "Dear {who},\nsee you.",
                                    template(lit("Dear "), var("who"), lit(",\nsee you.")),
                                    new SourceSpan(5, 1, 6, 9))));
        }

        @Test
        void toolStatements() {
            assertThat(
                            steps(
                                    "USE TOOL \"weather\"\nr = USE TOOL \"weather\", city, 3\nADD TOOL \"maps\"\nCLEAR TOOLS\n"))
                    .containsExactly(
                            new Step.UseTool(
                                    span(1, 1, 19),
                                    ex("\"weather\"", lit("weather"), 1, 10),
                                    List.of(),
                                    Optional.empty()),
                            new Step.UseTool(
                                    span(2, 1, 32),
                                    ex("\"weather\"", lit("weather"), 2, 14),
                                    List.of(ex("city", var("city"), 2, 25), ex("3", lit(3), 2, 31)),
                                    Optional.of(Target.variable("r"))),
                            new Step.AddTool(span(3, 1, 16), ex("\"maps\"", lit("maps"), 3, 10)),
                            new Step.ClearTools(span(4, 1, 12)));
        }

        @Test
        void keywordStatementsAndFunctionFormsBindNamedArguments() {
            List<Step> steps = steps("""
                    SET BOT MEMORY "k", 1
                    rows = FIND "users" WHERE age > 18
                    v = GET BOT MEMORY("k")
                    SAVE "log", a, b
                    LOG
                    stats = KB STATISTICS
                    """);

            assertThat(steps)
                    .containsExactly(
                            new Step.Invoke(
                                    span(1, 1, 22),
                                    "SET BOT MEMORY",
                                    List.of(
                                            new Argument("key", ex("\"k\"", lit("k"), 1, 16)),
                                            new Argument("value", ex("1", lit(1), 1, 21))),
                                    Optional.empty()),
                            new Step.Invoke(
                                    span(2, 1, 35),
                                    "FIND",
                                    List.of(
                                            new Argument("table", ex("\"users\"", lit("users"), 2, 13)),
                                            // a WHERE over a column reaches the handler as a condition map
                                            new Argument(
                                                    "filter",
                                                    ex(
                                                            "age > 18",
                                                            new io.basicflow.spi.program.Expr.MapLiteral(List.of(
                                                                    new io.basicflow.spi.program.Expr.MapEntry(
                                                                            "column", lit("age")),
                                                                    new io.basicflow.spi.program.Expr.MapEntry(
                                                                            "operator", lit(">")),
                                                                    new io.basicflow.spi.program.Expr.MapEntry(
                                                                            "value", lit(18)))),
                                                            2,
                                                            27))),
                                    Optional.of(Target.variable("rows"))),
                            new Step.Invoke(
                                    span(3, 1, 24),
                                    "GET BOT MEMORY",
                                    List.of(new Argument("key", ex("\"k\"", lit("k"), 3, 20))),
                                    Optional.of(Target.variable("v"))),
                            new Step.Invoke(
                                    span(4, 1, 17),
                                    "SAVE",
                                    List.of(
                                            new Argument("table", ex("\"log\"", lit("log"), 4, 6)),
                                            new Argument("values", ex("a", var("a"), 4, 13)),
                                            new Argument("values", ex("b", var("b"), 4, 16))),
                                    Optional.empty()),
                            new Step.Invoke(span(5, 1, 4), "LOG", List.of(), Optional.empty()),
                            new Step.Invoke(
                                    span(6, 1, 22), "KB STATISTICS", List.of(), Optional.of(Target.variable("stats"))));
        }

        @Test
        void keywordsMatchTheLongestNameInAnyCase() {
            Step.Invoke invoke = (Step.Invoke) step("set bot memory \"k\", nul\n");

            assertThat(invoke.keyword()).isEqualTo("SET BOT MEMORY");
            assertThat(invoke.arguments()).extracting(Argument::parameter).containsExactly("key", "value");
        }
    }

    @Nested
    class Plans {

        @Test
        void theWorkflowPragmaOnTheFirstNonCommentLineMakesAWorkflowPlan() {
            ExecutionPlan durable = Scripts.SERVICE.compile("' a comment\n\n#workflow\nTALK \"hi\"\n");
            ExecutionPlan direct = Scripts.SERVICE.compile("TALK \"hi\"\n");

            assertThat(durable).isInstanceOf(ExecutionPlan.Workflow.class);
            assertThat(durable.program().body()).hasSize(1);
            assertThat(direct).isInstanceOf(ExecutionPlan.Direct.class);
        }

        @Test
        void commentsOfEveryStyleAndBlankLinesCompileToNothing() {
            assertThat(steps("' one\nREM two\n// three\n# four\n\nx = 1 ' trailing\n"))
                    .hasSize(1);
        }

        @Test
        void aCommaOrUnderscoreAtTheEndOfALineContinuesTheStatement() {
            Step.Invoke invoke = (Step.Invoke) step("SAVE \"t\",\n  1, _\n  2\n");

            assertThat(invoke.arguments()).hasSize(3);
        }

        @Test
        void theProgramIsNamedAfterTheScript() {
            assertThat(Scripts.SERVICE
                            .compile("reminder.bas", "RETURN 1\n")
                            .program()
                            .name())
                    .isEqualTo("reminder.bas");
            assertThat(((Step.Return) step("RETURN NULL\n")).value()).contains(ex("NULL", nul(), 1, 8));
            assertThat(((Step.Assign) step("x = a.b\n")).value().tree()).isEqualTo(member(var("a"), "b"));
        }
    }
}
