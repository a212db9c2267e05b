package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.testing.TestPlugin;
import io.basicflow.compiler.testing.TestPlugins;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.TextValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Flag clauses ({@code LIST "x" RECURSIVE}) and clauses of words ({@code READ "x" AS TABLE}). */
class WordClausesTest {

    private static final ScriptService SERVICE = new ScriptService(KeywordCatalogue.of(
            TestPlugins.builtins(),
            new TestPlugin("words")
                    .function("DEEP", 1, 1)
                    .keyword(KeywordDefinition.builder("FETCH")
                            .form(KeywordForm.FUNCTION)
                            .parameter(ParameterDefinition.optional("path", "the path"))
                            .parameter(ParameterDefinition.introducedBy("FILTER", "filter", true, "a glob"))
                            .parameter(ParameterDefinition.flag("DEEP", "deep", "all levels"))
                            .parameter(ParameterDefinition.oneOf("AS", "as", true, "the shape", "TABLE", "LINES"))
                            .build())));

    private static Map<String, Expr> arguments(String source) {
        CompilationResult result = SERVICE.check("words.bas", source);
        assertThat(result.succeeded()).as(result.format()).isTrue();
        Step step = result.plan().orElseThrow().program().body().getLast();
        Step.Invoke invoke = (Step.Invoke) step;
        Map<String, Expr> arguments = new LinkedHashMap<>();
        for (Step.Argument argument : invoke.arguments()) {
            arguments.put(argument.parameter(), argument.value().tree());
        }
        return arguments;
    }

    @Test
    void aFlagAloneIsTrueAndAWordIsItsText() {
        assertThat(arguments("x = FETCH \"docs/\" FILTER \"*.pdf\" DEEP AS table\n"))
                .containsEntry("deep", new Expr.Literal(BooleanValue.TRUE))
                .containsEntry("as", new Expr.Literal(new TextValue("TABLE")))
                .containsKey("filter");
        assertThat(arguments("x = FETCH DEEP\n"))
                .containsOnlyKeys("deep")
                .containsEntry("deep", new Expr.Literal(BooleanValue.TRUE));
        assertThat(arguments("FETCH \"a.txt\" AS LINES\n")).containsOnlyKeys("path", "as");
    }

    @Test
    void aFlagWordFollowedByAnOperandIsAFunctionCall() {
        Map<String, Expr> arguments = arguments("FETCH DEEP(\"docs/\") DEEP\n");
        assertThat(arguments.get("path")).isInstanceOf(Expr.Call.class);
        assertThat(arguments).containsEntry("deep", new Expr.Literal(BooleanValue.TRUE));
    }

    @Test
    void aWordNotOfferedIsAnErrorThatNamesTheWordsAndThePlace() {
        CompilationResult result = SERVICE.check("words.bas", "x = 1\ny = FETCH \"a.pdf\" AS PDF\n");
        assertThat(result.succeeded()).isFalse();
        assertThat(result.format()).contains("words.bas:2:22").contains("FETCH AS takes TABLE or LINES");
    }

    @Test
    void aFlagWrittenTwiceIsReported() {
        CompilationResult result = SERVICE.check("words.bas", "y = FETCH \"a\" DEEP DEEP\n");
        assertThat(result.succeeded()).isFalse();
        assertThat(result.format()).contains("FETCH takes one DEEP clause; this is the second");
    }

    @Test
    void aFlagNeedsAnIntroducerAndNoWords() {
        assertThatThrownBy(() ->
                        new ParameterDefinition("deep", true, Optional.empty(), false, "x", true, java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs an introducer");
        assertThatThrownBy(() -> ParameterDefinition.oneOf("AS", "as", true, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
