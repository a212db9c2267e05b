package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.testing.TestPlugin;
import io.basicflow.compiler.testing.TestPlugins;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The values of data clauses: column lists, WHERE conditions over columns, ORDER BY. */
class ClauseFormsTest {

    private static final ScriptService SERVICE = new ScriptService(KeywordCatalogue.of(
            TestPlugins.builtins(),
            new TestPlugin("rows")
                    .function("LIKE", 2, 2)
                    .keyword(KeywordDefinition.builder("LOOKUP")
                            .form(KeywordForm.FUNCTION)
                            .parameter(ParameterDefinition.required("table", "the table"))
                            .parameter(ParameterDefinition.introducedBy("WHERE", "where", true, "which rows"))
                            .parameter(ParameterDefinition.introducedBy("ORDER", "order", true, "BY column"))
                            .parameter(ParameterDefinition.introducedBy("LIMIT", "limit", true, "how many"))
                            .build())
                    .keyword(KeywordDefinition.builder("CHANGE")
                            .parameter(ParameterDefinition.required("table", "the table"))
                            .parameter(ParameterDefinition.introducedBy("SET", "set", true, "col = value, …"))
                            .parameter(ParameterDefinition.introducedBy("WITH", "with", true, "col AS value, …"))
                            .parameter(ParameterDefinition.introducedBy("WHERE", "where", true, "which rows"))
                            .build())
                    .keyword(KeywordDefinition.builder("PLAINCHANGE")
                            .parameter(ParameterDefinition.required("table", "the table"))
                            .parameter(ParameterDefinition.introducedBy("WITH", "with", true, "an expression"))
                            .parameter(ParameterDefinition.introducedBy("WHERE", "where", true, "an expression"))
                            .build())
                    .keyword(KeywordDefinition.builder("SET PAIR")
                            .parameter(ParameterDefinition.required("name", "the name"))
                            .parameter(ParameterDefinition.required("value", "the value"))
                            .build())
                    .syntax("LOOKUP", io.basicflow.spi.KeywordSyntax.DATA_CLAUSES)
                    .syntax("CHANGE", io.basicflow.spi.KeywordSyntax.DATA_CLAUSES)));

    private static Map<String, Expr> arguments(String source) {
        CompilationResult result = SERVICE.check("clauses.bas", source);
        assertThat(result.succeeded()).as(result.format()).isTrue();
        Step step = result.plan().orElseThrow().program().body().getLast();
        Map<String, Expr> arguments = new LinkedHashMap<>();
        for (Step.Argument argument : ((Step.Invoke) step).arguments()) {
            arguments.put(argument.parameter(), argument.value().tree());
        }
        return arguments;
    }

    private static Expr text(String value) {
        return new Expr.Literal(new io.basicflow.spi.value.TextValue(value));
    }

    private static Expr map(Object... keysAndValues) {
        List<Expr.MapEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.add(new Expr.MapEntry((String) keysAndValues[i], (Expr) keysAndValues[i + 1]));
        }
        return new Expr.MapLiteral(entries);
    }

    private static Expr compare(String column, String operator, Expr value) {
        return map("column", text(column), "operator", text(operator), "value", value);
    }

    @Test
    void whereOverColumnsBindsTheRightSidesAsScriptExpressions() {
        Map<String, Expr> arguments = arguments("""
                user = #{id: 7}
                rows = LOOKUP "orders" WHERE user_id = user.id AND (status <> "done" OR total >= 10) ORDER BY total DESC LIMIT 5
                """);

        Expr userId = new Expr.Member(new Expr.Variable("user"), "id");
        assertThat(arguments.get("where"))
                .isEqualTo(map(
                        "operator",
                        text("AND"),
                        "conditions",
                        new Expr.ListLiteral(List.of(
                                compare("user_id", "=", userId),
                                map(
                                        "operator",
                                        text("OR"),
                                        "conditions",
                                        new Expr.ListLiteral(List.of(
                                                compare("status", "<>", text("done")),
                                                compare(
                                                        "total",
                                                        ">=",
                                                        new Expr.Literal(
                                                                io.basicflow.spi.value.IntegerValue.of(10))))))))));
        assertThat(arguments.get("order")).isEqualTo(text("total DESC"));
        assertThat(arguments).containsKey("limit");
    }

    @Test
    void likeNotAndIsNullBecomeConditionsToo() {
        Map<String, Expr> arguments = arguments("rows = LOOKUP \"t\" WHERE NOT name LIKE \"A%\" AND email IS NULL\n");

        assertThat(arguments.get("where"))
                .isEqualTo(map(
                        "operator",
                        text("AND"),
                        "conditions",
                        new Expr.ListLiteral(List.of(
                                map(
                                        "operator",
                                        text("NOT"),
                                        "conditions",
                                        new Expr.ListLiteral(List.of(compare("name", "LIKE", text("A%"))))),
                                map("column", text("email"), "operator", text("IS NULL"))))));
    }

    @Test
    void aFunctionOfTheFixedListAroundAColumnIsPassedByName() {
        // keyword-aggregate.md: AGGREGATE "orders" SUM amount WHERE DATE(created_at) = today
        Map<String, Expr> arguments = arguments(
                "day = \"2025-01-15\"\nrows = LOOKUP \"t\" WHERE DATE(created_at) = day AND LOWER(name) IS NOT NULL\n");

        assertThat(arguments.get("where"))
                .isEqualTo(map(
                        "operator",
                        text("AND"),
                        "conditions",
                        new Expr.ListLiteral(List.of(
                                map(
                                        "column",
                                        text("created_at"),
                                        "function",
                                        text("DATE"),
                                        "operator",
                                        text("="),
                                        "value",
                                        new Expr.Variable("day")),
                                map(
                                        "column",
                                        text("name"),
                                        "function",
                                        text("LOWER"),
                                        "operator",
                                        text("IS NOT NULL"))))));
        CompilationResult elsewhere = SERVICE.check("fn.bas", "rows = LOOKUP \"t\" WHERE DATE(created_at) + 1 = 2\n");
        assertThat(elsewhere.succeeded()).isFalse();
        assertThat(elsewhere.format()).contains("DATE(column) applies to a column only on the left of a condition");
        CompilationResult outside = SERVICE.check("fn.bas", "x = DATE(created_at)\n");
        assertThat(outside.succeeded())
                .as("outside a WHERE, DATE is still an unknown function")
                .isFalse();
    }

    @Test
    void aWhereThatIsNotOverColumnsStaysAsWritten() {
        Map<String, Expr> arguments = arguments("rows = LOOKUP \"t\" WHERE \"status=\" + \"open\"\n");

        assertThat(arguments.get("where")).isInstanceOf(Expr.Binary.class);
    }

    @Test
    void setAndWithListsBecomeMapsOfColumns() {
        Map<String, Expr> set = arguments("x = 2\nCHANGE \"t\" SET a = x + 1, b = NOW() WHERE id = x\n");
        assertThat(set.get("set")).isInstanceOf(Expr.MapLiteral.class);
        assertThat(((Expr.MapLiteral) set.get("set")).entries())
                .extracting(Expr.MapEntry::key)
                .containsExactly("a", "b");
        assertThat(set.get("where")).isEqualTo(compare("id", "=", new Expr.Variable("x")));

        Map<String, Expr> block = arguments("CHANGE \"t\" SET\n    a = 1,\n    b = NOW()\n");
        assertThat(((Expr.MapLiteral) block.get("set")).entries())
                .extracting(Expr.MapEntry::key)
                .containsExactly("a", "b");

        Map<String, Expr> with =
                arguments("info = #{n: 1}\nCHANGE \"t\" WITH name AS info.n, active AS TRUE WHERE id = 3\n");
        assertThat(((Expr.MapLiteral) with.get("with")).entries())
                .extracting(Expr.MapEntry::key)
                .containsExactly("name", "active");
    }

    @Test
    void aKeywordThatDoesNotDeclareDataClausesGetsItsClausesAsPlainExpressions() {
        Map<String, Expr> arguments = arguments("x = 2\nPLAINCHANGE \"t\" WITH x + 1 WHERE x = 2\n");

        assertThat(arguments.get("with")).isInstanceOf(Expr.Binary.class);
        assertThat(arguments.get("where"))
                .isEqualTo(new Expr.Binary(
                        Expr.BinaryOperator.EQUAL,
                        new Expr.Variable("x"),
                        new Expr.Literal(io.basicflow.spi.value.IntegerValue.of(2))));
    }

    @Test
    void nameEqualsValueIsACommaOnlyForAKeywordThatDeclaresIt() {
        CompilationResult undeclared = SERVICE.check("pair.bas", "SET PAIR \"a\" = 1\n");

        assertThat(undeclared.succeeded()).isFalse();
        assertThat(undeclared.format()).contains("SET PAIR needs value");

        CompilationResult declared = new ScriptService(KeywordCatalogue.of(
                        TestPlugins.builtins(),
                        new TestPlugin("pairs")
                                .keyword(KeywordDefinition.builder("SET PAIR")
                                        .parameter(ParameterDefinition.required("name", "the name"))
                                        .parameter(ParameterDefinition.required("value", "the value"))
                                        .build())
                                .syntax("SET PAIR", io.basicflow.spi.KeywordSyntax.NAME_VALUE)))
                .check("pair.bas", "SET PAIR \"a\" = 1\nSET PAIR \"b\" AS 2\n");
        assertThat(declared.succeeded()).as(declared.format()).isTrue();
    }
}
