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
import io.basicflow.spi.value.TextValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code SET "session.k" = v}, {@code x = GET "session.k"}, {@code SET name, value} and {@code x = GET
 * name} (StoreForms): calls of the store keywords when a plugin provides them; {@code SET "t", filter,
 * values} and {@code x = GET url} keep their meaning.
 */
class StoreFormsParsingTest {

    private static KeywordDefinition keyword(String name, String... parameters) {
        KeywordDefinition.Builder builder = KeywordDefinition.builder(name).form(KeywordForm.FUNCTION);
        for (String parameter : parameters) {
            builder.parameter(ParameterDefinition.required(parameter, parameter));
        }
        return builder.build();
    }

    private static final ScriptService SERVICE = new ScriptService(KeywordCatalogue.of(
            TestPlugins.builtins(),
            new TestPlugin("stores")
                    .keyword(keyword("SET SESSION", "key", "value"))
                    .keyword(keyword("GET SESSION", "key"))
                    .keyword(keyword("SET USER MEMORY", "key", "value"))
                    .keyword(keyword("GET USER MEMORY", "key"))
                    .keyword(keyword("GET", "url"))
                    .keyword(keyword("SET", "table", "filter", "values"))));

    private static List<Step> steps(String source) {
        CompilationResult result = SERVICE.check("stores.bas", source);
        assertThat(result.succeeded()).as(result.format()).isTrue();
        return result.plan().orElseThrow().program().body();
    }

    private static Step.Invoke invoke(Step step) {
        return (Step.Invoke) step;
    }

    private static Expr key(Step step) {
        return invoke(step).arguments().getFirst().value().tree();
    }

    @Test
    void theSessionFormsAreTheSessionStore() {
        List<Step> steps = steps("SET \"session.po_id\" = 7\nSET \"Session.n\", 2\nx = GET \"session.po_id\"\n");
        assertThat(steps)
                .extracting(s -> invoke(s).keyword())
                .containsExactly("SET SESSION", "SET SESSION", "GET SESSION");
        assertThat(key(steps.get(0))).isEqualTo(new Expr.Literal(new TextValue("po_id")));
        assertThat(key(steps.get(1))).isEqualTo(new Expr.Literal(new TextValue("n")));
        assertThat(key(steps.get(2))).isEqualTo(new Expr.Literal(new TextValue("po_id")));
        assertThat(invoke(steps.get(2)).result()).isPresent();
    }

    @Test
    void aBareNameIsTheUserStoreAndGetReadsItOnlyWhereTheScriptStoresIt() {
        // office.gbai/start.bas: role = GET role … SET role, role
        List<Step> steps = steps("role = GET role\nIF ISNULL(role) THEN\n  SET role, LOWER(\"A, B\")\nEND IF\n");
        Step.Invoke get = invoke(steps.get(0));
        assertThat(get.keyword()).isEqualTo("GET USER MEMORY");
        assertThat(key(steps.get(0))).isEqualTo(new Expr.Literal(new TextValue("role")));
        Step.If branch = (Step.If) steps.get(1);
        Step.Invoke set = invoke(branch.branches().getFirst().body().getFirst());
        assertThat(set.keyword()).isEqualTo("SET USER MEMORY");
        assertThat(set.arguments().getFirst().value().tree()).isEqualTo(new Expr.Literal(new TextValue("role")));

        // no SET url, … in the script: GET url is the plugin's GET of the variable's value
        List<Step> http = steps("url = \"http://x\"\ndata = GET url\n");
        assertThat(invoke(http.get(1)).keyword()).isEqualTo("GET");
        // three arguments: the table form
        assertThat(invoke(steps("n = 1\nSET \"t\", \"id=1\", \"a=2\"\n").get(1)).keyword())
                .isEqualTo("SET");
    }

    @Test
    void aTwoArgumentSetOfAnyTextIsTheSessionStoreAndGetOfThatTextReadsIt() {
        // multi-agent-orchestration.md: ' Store in session / SET "current_topic", "billing" / topic = GET
        // "current_topic"
        List<Step> steps =
                steps("SET \"current_topic\", \"billing\"\ntopic = GET \"current_topic\"\npage = GET \"other.txt\"\n");
        assertThat(steps).extracting(s -> invoke(s).keyword()).containsExactly("SET SESSION", "GET SESSION", "GET");
        assertThat(key(steps.get(0))).isEqualTo(new Expr.Literal(new TextValue("current_topic")));
        assertThat(key(steps.get(1))).isEqualTo(new Expr.Literal(new TextValue("current_topic")));
    }

    @Test
    void aTwoArgumentSetWithABlankKeyIsACompileError() {
        CompilationResult result = SERVICE.check("stores.bas", "SET \"  \", \"status=done\"\n");
        assertThat(result.succeeded()).isFalse();
        assertThat(result.format())
                .contains("stores.bas:1:5")
                .contains("SET name, value")
                .contains("SET \"table\", filter, values");
    }
}
