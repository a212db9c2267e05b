package io.basicflow.compiler.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.compiler.CompilationResult;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.compiler.testing.TestPlugin;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.program.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One keyword name declared by two plugins at argument counts that no call can fit both, as {@code
 * DELETE table, filter} (data) and {@code DELETE url-or-path} (HTTP): the catalogue keeps both and
 * the compiler picks the declaration by the arguments a call writes.
 */
class KeywordOverloadsTest {

    private static final TestPlugin ROWS = new TestPlugin("rows")
            .keyword(KeywordDefinition.builder("DELETE")
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required("table", "the table"))
                    .parameter(ParameterDefinition.required("filter", "which rows"))
                    .build());
    private static final TestPlugin WEB = new TestPlugin("web")
            .keyword(KeywordDefinition.builder("DELETE")
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required("target", "a URL or a path"))
                    .build());

    private final KeywordCatalogue catalogue = KeywordCatalogue.of(new CorePlugin(), ROWS, WEB);

    @Test
    void bothDeclarationsAreKeptAndChosenByTheirArgumentCount() {
        assertThat(catalogue.overloaded("delete")).isTrue();
        assertThat(catalogue.keyword("DELETE", 1).orElseThrow().plugin()).isSameAs(WEB);
        assertThat(catalogue.keyword("DELETE", 2).orElseThrow().plugin()).isSameAs(ROWS);
        assertThat(catalogue.keywords())
                .filteredOn(k -> k.name().equals("DELETE"))
                .extracting(CataloguedKeyword::plugin)
                .containsExactly(ROWS, WEB);
    }

    @Test
    void theCompilerBindsACallToTheDeclarationItsArgumentsFit() {
        List<Step> steps = program("""
                DELETE item
                n = DELETE "orders", "status = 'old'"
                ok = DELETE("https://api.example.com/x/1")
                """);

        assertThat(steps).hasSize(3);
        assertThat(parameters(steps.get(0))).containsExactly("target");
        assertThat(parameters(steps.get(1))).containsExactly("table", "filter");
        assertThat(parameters(steps.get(2))).containsExactly("target");
    }

    @Test
    void aShortCallFitsItsOverloadEvenWhenTheNameBeginsLongerKeywords() {
        // DELETE begins DELETE FROM: a one-argument DELETE is still the one-argument declaration,
        // not an unknown member of the DELETE family (the data plugin's two-argument form is declared first)
        TestPlugin from = new TestPlugin("from")
                .keyword(KeywordDefinition.builder("DELETE FROM")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("table", "the table"))
                        .build());
        CompilationResult result = new ScriptService(KeywordCatalogue.of(new CorePlugin(), ROWS, WEB, from))
                .check("x.bas", "DELETE \"temp/report.pdf\"\nDELETE \"t\", \"id = 1\"\nDELETE FROM \"t\"\n");

        assertThat(result.succeeded()).as(result.format()).isTrue();
        List<Step> steps = result.plan().orElseThrow().program().body();
        assertThat(parameters(steps.get(0))).containsExactly("target");
        assertThat(parameters(steps.get(1))).containsExactly("table", "filter");
        assertThat(parameters(steps.get(2))).containsExactly("table");
    }

    @Test
    void aCallThatFitsNeitherIsReportedWithTheFirstDeclarationsParameters() {
        CompilationResult result = new ScriptService(catalogue).check("x.bas", "DELETE a, b, c\n");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.format()).contains("DELETE takes at most 2 arguments (table, filter)");
    }

    @Test
    void declarationsThatOneArgumentCountFitsBothAreRefused() {
        TestPlugin loose = new TestPlugin("loose")
                .keyword(KeywordDefinition.builder("DELETE")
                        .parameter(ParameterDefinition.required("what", "anything"))
                        .parameter(ParameterDefinition.optional("how", "anything"))
                        .build());

        assertThatThrownBy(() -> KeywordCatalogue.of(ROWS, WEB, loose))
                .isInstanceOf(PluginCatalogueException.class)
                .hasMessageContaining("keyword DELETE is declared by two plugins: plugin 'rows'")
                .hasMessageContaining("a call with the same number of arguments fits both");
    }

    private List<Step> program(String source) {
        CompilationResult result = new ScriptService(catalogue).check("x.bas", source);
        assertThat(result.succeeded()).as(result.format()).isTrue();
        return result.plan().orElseThrow().program().body();
    }

    private static List<String> parameters(Step step) {
        Step.Invoke invoke = switch (step) {
            case Step.Invoke call -> call;
            default -> throw new AssertionError("expected a keyword call, got " + step);
        };
        return invoke.arguments().stream().map(Step.Argument::parameter).toList();
    }
}
