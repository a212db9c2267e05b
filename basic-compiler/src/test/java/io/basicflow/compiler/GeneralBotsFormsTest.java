package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticCategory;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.evaluation.ErrorVariables;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Step;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The General Bots forms of issue 12, written after the examples of the reference pages
 * ({@code keyword-on-error.md}, {@code keyword-filter.md}, {@code keyword-map.md}, {@code
 * keyword-reference-complete.md}): none of them is a syntax error, and each compiles to the step it
 * means. Keywords of plugins that are not installed here stay unknown keywords, never syntax errors.
 */
class GeneralBotsFormsTest {

    private static List<Diagnostic> syntaxErrors(String source) {
        return Scripts.SERVICE.check("forms.bas", source).diagnostics().stream()
                .filter(d -> d.category() == DiagnosticCategory.SYNTAX)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ON ERROR RESUME NEXT\nresult = GET \"https://api.example.com/data\"\nIF ERROR THEN\n"
                        + "    TALK \"Sorry: \" + ERROR MESSAGE\nELSE\n    TALK \"ok\"\nEND IF\n",
                "ON ERROR RESUME NEXT\ncontent = READ \"config.csv\"\nIF ERROR THEN\n    CLEAR ERROR\n"
                        + "    content = \"name,value\"\nEND IF\nON ERROR GOTO 0\n",
                "ON ERROR RESUME NEXT\nIF INSTR(ERROR MESSAGE, \"duplicate\") > 0 THEN\n    TALK \"exists\"\n"
                        + "ELSE IF INSTR(ERROR MESSAGE, \"connection\") > 0 THEN\n    TALK \"down\"\nEND IF\n",
                "code = ERR\nmsg = ERROR MESSAGE\nTHROW \"Invalid input\"\n",
                "RAISE \"custom\"\nASSERT count > 0, \"Count must be positive\"\n",
                "scores = [85, 92, 67, 78, 95, 88, 72]\npassing = FILTER(scores, \"item >= 70\")\n"
                        + "TALK \"Passing: \" + LEN(passing)\n",
                "prices = [100, 200]\nwith_tax = MAP(prices, \"item * 1.1\")\nnames = MAP(users, \"name\")\n",
                "arr = ARRAY(1, 2, 3)\nsorted = SORT(arr)\ndistinct = UNIQUE(arr)\nPUSH arr, 4\n"
                        + "value = POP(arr)\nreversed = REVERSE(arr)\nok = CONTAINS(arr, 2)\n",
                "total = AGGREGATE(\"SUM\", orders, \"amount\")\nr = IIF(ISNULL(x), NVL(y, 0), TYPEOF(x))\n",
                "o = NEW OBJECT\na = NEW ARRAY\na.PUSH(\"+\")\nAPPEND a, o\n",
                "r = CALL \"b.bas\", 1, 2\nCALL \"b.bas\", 3, 4\nCALL \"c.bas\"\n",
                "PARAM x AS STRING DEFAULT \"x\"\nPARAM y AS INTEGER OPTIONAL\n"
                        + "PARAM z AS NUMBER LIKE 3 DESCRIPTION \"z\" DEFAULT 3\nPARAM w AS STRING REQUIRED\n",
                "data = WITH\n    a = 1\n    b = \"two\"\nEND WITH\n",
                "case = 1\ncases = [case]\nFOR EACH case IN cases\n    TALK case\nNEXT case\nstep = 2\n"
                        + "table = \"t\"\ndate = TODAY()\ntype = \"x\"\nresult = data\n",
                "m = #{\n    a: 1,\n    b: 2,\n}\n",
                "command = FIRST user_input\nTALK LAST(\"a b\")\n",
            })
    void referenceFormsAreNoSyntaxErrors(String source) {
        assertThat(syntaxErrors(source)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "result = POST \"https://api.store.com/orders\" WITH\n    customer_id = \"cust-123\",\n"
                        + "    items = [\"item-1\", \"item-2\"],\n    total = 99.99\nTALK result.id\n",
                "INSERT INTO \"customers\" WITH\n    name = \"John Doe\",\n    phone = \"+1-555-0100\"\n",
                "UPDATE \"orders\" SET\n    status = \"shipped\",\n    shipped_at = NOW()\n",
                "query = '\n    query {\n        users { id name }\n    }\n'\nresult = GRAPHQL url, query\n",
                "HEAR ready AS TEXT \"Type 'continue' when ready:\"\nHEAR amount AS NUMBER \"Enter amount:\"\n",
                "IF IS NUMERIC(age) AND NOT IS NUMERIC(x) THEN\n    TALK age\nEND IF\n",
                "IF result.error LIKE \"*INVALID_PHONE*\" THEN\n    TALK \"bad\"\nEND IF\n",
                "x = ${a + 1}\nTALK ${x}\n",
                "POST TO INSTAGRAM [image1, image2], \"Carousel post!\"\n",
                "website = company.website ?? \"\"\nr = a ?? b ?? \"none\"\n",
            })
    void moreReferenceFormsAreNoSyntaxErrors(String source) {
        assertThat(syntaxErrors(source)).isEmpty();
    }

    @Test
    void aWithFieldBlockIsOneMapArgument() {
        Step.Assign assign = (Step.Assign) Scripts.step("m = WITH\n    a = 1,\n    b = \"two\"\n");

        assertThat(assign.value().tree()).isInstanceOf(Expr.MapLiteral.class);
        assertThat(((Expr.MapLiteral) assign.value().tree()).entries())
                .extracting(Expr.MapEntry::key)
                .containsExactly("a", "b");
    }

    @Test
    void aParamDefaultStopsBeforeLike() {
        Step.Param param = (Step.Param) Scripts.step("PARAM p AS STRING DEFAULT \"a\" LIKE \"b\"\n");

        assertThat(param.defaultValue()).map(d -> d.text()).contains("\"a\"");
        assertThat(param.example()).contains("b");
    }

    @Test
    void aSubThatReturnsAValueIsAFunction() {
        CompilationResult result = Scripts.SERVICE.check(
                "sub.bas", "x = channel(\"+55\")\nSUB channel(phone)\n    RETURN \"sms\"\nEND SUB\n");

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.plan()
                        .orElseThrow()
                        .program()
                        .procedures()
                        .get("channel")
                        .function())
                .isTrue();
    }

    @Test
    void callScriptBindsArgumentsAndResult() {
        Step.CallScript call = (Step.CallScript) Scripts.step("total = CALL \"order.bas\", \"pens\", 3\n");

        assertThat(call.arguments()).extracting(a -> a.text()).containsExactly("\"pens\"", "3");
        assertThat(call.result()).map(t -> t.variable()).contains("total");
    }

    @Test
    void paramDefaultMakesItOptional() {
        Step.Param param = (Step.Param) Scripts.step("PARAM limit AS INTEGER DEFAULT 10 DESCRIPTION \"max rows\"\n");

        assertThat(param.optional()).isTrue();
        assertThat(param.defaultValue()).map(d -> d.text()).contains("10");
        assertThat(param.description()).contains("max rows");
    }

    @Test
    void errorStatementsCompileToTheirActions() {
        List<Step> steps = Scripts.steps("ON ERROR RESUME NEXT\nCLEAR ERROR\nTHROW \"bad\"\nON ERROR GOTO 0\n");

        assertThat(steps)
                .extracting(step -> ((Step.ErrorHandling) step).action())
                .containsExactly(
                        Step.ErrorAction.RESUME_NEXT,
                        Step.ErrorAction.CLEAR,
                        Step.ErrorAction.THROW,
                        Step.ErrorAction.STOP_ON_ERROR);
    }

    @Test
    void errorOperandsReadTheErrorState() {
        Step.Assign message = (Step.Assign) Scripts.step("m = ERROR MESSAGE\n");

        assertThat(message.value().tree()).isEqualTo(new Expr.Variable(ErrorVariables.MESSAGE));
    }

    @Test
    void aScriptThatAssignsErrorKeepsItsOwnVariable() {
        List<Step> steps = Scripts.steps("error = \"mine\"\nTALK error\n");

        assertThat(((Step.Talk) steps.get(1)).message().tree()).isEqualTo(new Expr.Variable("error"));
    }

    @Test
    void onErrorGotoALabelIsAClearError() {
        assertThat(syntaxErrors("ON ERROR GOTO handler\n"))
                .singleElement()
                .extracting(Diagnostic::message)
                .asString()
                .contains("only ON ERROR GOTO 0");
    }

    @Test
    void pushStatementAssignsTheNewListBack() {
        Step.Assign push = (Step.Assign) Scripts.step("PUSH items, 3\n");

        assertThat(push.target().variable()).isEqualTo("items");
        assertThat(push.value().tree()).isInstanceOf(Expr.Call.class);
    }

    @Test
    void returningAVariableNeverAssignedIsAWarningNotAnError() {
        CompilationResult result = Scripts.SERVICE.check("w.bas", "total = 1\nRETURN totl\n");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(DiagnosticKind.UNASSIGNED_RETURN);
            assertThat(w.line()).isEqualTo(2);
            assertThat(w.message()).contains("totl");
        });
        assertThat(Scripts.SERVICE
                        .check("ok.bas", "PARAM a AS NUMBER\nFOR EACH x IN [1]\nNEXT\nRETURN a\n")
                        .warnings())
                .isEmpty();
    }
}
