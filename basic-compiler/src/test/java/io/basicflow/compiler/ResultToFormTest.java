package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.catalogue.PluginCatalogueException;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.testing.TestPlugin;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordSyntax;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The result form {@code KEYWORD args TO variable} ({@link KeywordSyntax#resultTo()}), declared by a
 * plugin: {@code CARD a, b TO post} is {@code post = CARD a, b}; where {@code TO} is an argument ({@code
 * FILL t, d TO "path"}) it stays one; its misuses are errors naming file, line and column. And one name
 * declared twice, told apart by a required clause ({@code FILL t, d} beside {@code FILL t, d TO path}).
 */
class ResultToFormTest {

    private static final KeywordDefinition CARD = KeywordDefinition.builder("CARD")
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.required("image_prompt", "the picture"))
            .parameter(ParameterDefinition.required("text_prompt", "the theme"))
            .parameter(ParameterDefinition.optional("style", "the style"))
            .parameter(ParameterDefinition.optional("count", "how many"))
            .build();

    private static final KeywordDefinition ASK = KeywordDefinition.builder("ASK")
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.required("prompt", "the question"))
            .build();

    private static final KeywordDefinition FILL = KeywordDefinition.builder("FILL")
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.required("template", "the template"))
            .parameter(ParameterDefinition.required("data", "the data"))
            .effect(EffectKind.PURE)
            .build();

    private static final KeywordDefinition FILL_TO = KeywordDefinition.builder("FILL")
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.required("template", "the template"))
            .parameter(ParameterDefinition.required("data", "the data"))
            .parameter(ParameterDefinition.introducedBy("TO", "output_path", false, "the file"))
            .build();

    private static final TestPlugin CARDS =
            new TestPlugin("cards").keyword(CARD).keyword(ASK).syntax("CARD", KeywordSyntax.RESULT_TO);
    private static final TestPlugin TEMPLATES =
            new TestPlugin("templates").keyword(FILL).keyword(FILL_TO);

    private final KeywordCatalogue catalogue = KeywordCatalogue.of(new CorePlugin(), CARDS, TEMPLATES);

    @Test
    void theVariableAfterToReceivesTheValueAsAnAssignmentWould() {
        List<Step> steps = program("""
                CARD "sunrise over calm ocean", "morning motivation" TO post
                post2 = CARD "sunrise over calm ocean", "morning motivation"
                CARD img, "from A TO B", "minimal", 3 TO Carousel
                IF go THEN CARD "a", [1, 2] TO one ELSE TALK "no"
                """);

        Step.Invoke written = invoke(steps.get(0));
        Step.Invoke assigned = invoke(steps.get(1));
        assertThat(written.keyword()).isEqualTo("CARD");
        assertThat(written.result()).contains(Target.variable("post"));
        assertThat(assigned.result()).contains(Target.variable("post2"));
        assertThat(arguments(written)).isEqualTo(arguments(assigned));
        assertThat(arguments(written))
                .containsExactly("image_prompt=\"sunrise over calm ocean\"", "text_prompt=\"morning motivation\"");

        Step.Invoke carousel = invoke(steps.get(2));
        assertThat(carousel.result()).contains(Target.variable("carousel"));
        assertThat(arguments(carousel))
                .containsExactly("image_prompt=img", "text_prompt=\"from A TO B\"", "style=\"minimal\"", "count=3");

        Step.If oneLine = (Step.If) steps.get(3);
        Step.Invoke inIf = invoke(oneLine.branches().getFirst().body().getFirst());
        assertThat(inIf.result()).contains(Target.variable("one"));
        assertThat(arguments(inIf)).containsExactly("image_prompt=\"a\"", "text_prompt=[1, 2]");
    }

    @Test
    void aKeywordWhoseToIsAnArgumentKeepsItAndPicksItsDeclarationByTheClause() {
        assertThat(catalogue.overloaded("FILL")).isTrue();
        assertThat(catalogue.keyword("FILL", 2, Set.of("TO")).orElseThrow().definition())
                .isSameAs(FILL_TO);
        assertThat(catalogue.keyword("FILL", 2, Set.of()).orElseThrow().definition())
                .isSameAs(FILL);

        List<Step> steps = program("""
                text = FILL "Hi {{name}}", data
                FILL "Hi {{name}}", data TO "letters/" + who
                r = FILL t, data TO path
                """);

        assertThat(arguments(invoke(steps.get(0)))).containsExactly("template=\"Hi {{name}}\"", "data=data");
        assertThat(invoke(steps.get(0)).result()).contains(Target.variable("text"));
        Step.Invoke toFile = invoke(steps.get(1));
        assertThat(arguments(toFile))
                .containsExactly("template=\"Hi {{name}}\"", "data=data", "output_path=\"letters/\" + who");
        assertThat(toFile.result()).isEmpty();
        Step.Invoke assigned = invoke(steps.get(2));
        assertThat(arguments(assigned)).containsExactly("template=t", "data=data", "output_path=path");
        assertThat(assigned.result()).contains(Target.variable("r"));
    }

    @Test
    void noVariableAfterToIsAnErrorNamingItsPosition() {
        CompilationResult empty = check("TALK 1\nCARD \"a\", \"b\" TO\n");
        assertThat(empty.succeeded()).isFalse();
        assertThat(empty.format())
                .contains("x.bas:2:")
                .contains("expected the name of the variable that receives the value of CARD after TO");

        CompilationResult text = check("CARD \"a\", \"b\" TO \"post\"\n");
        assertThat(text.format())
                .startsWith("x.bas:1:18: error: expected the name of the variable that receives the value of CARD"
                        + " after TO, and the end of the statement (CARD … TO result), found");

        CompilationResult more = check("CARD \"a\", \"b\" TO post, other\n");
        assertThat(more.format()).startsWith("x.bas:1:22: error: expected the name of the variable");
    }

    @Test
    void aValueAssignedTwiceIsAnError() {
        CompilationResult result = check("post = CARD \"a\", \"b\" TO other\n");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiagnosticKind.KEYWORD_FORM);
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.column()).isEqualTo(22);
            assertThat(d.message()).startsWith("CARD's value is already assigned by '='");
        });
    }

    @Test
    void toVariableAfterAKeywordThatDoesNotDeclareItIsAnError() {
        CompilationResult result = check("TALK 1\nASK \"hi\" TO answer\n");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiagnosticKind.UNSUPPORTED_CLAUSE);
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.column()).isEqualTo(10);
            assertThat(d.message())
                    .isEqualTo("ASK has no TO clause, and its plugin does not declare that it gives its value to"
                            + " TO variable: write answer = ASK … instead (ASK takes prompt)");
        });
    }

    @Test
    void theCatalogueRefusesTheFormOnAStatementOrBesideAToClause() {
        TestPlugin statement = new TestPlugin("statement")
                .keyword(KeywordDefinition.builder("SHOUT")
                        .parameter(ParameterDefinition.required("text", "what"))
                        .build())
                .syntax("SHOUT", KeywordSyntax.RESULT_TO);
        assertThatThrownBy(() -> KeywordCatalogue.of(statement))
                .isInstanceOf(PluginCatalogueException.class)
                .hasMessageContaining("keyword SHOUT gives its value to TO variable, but SHOUT is a statement");

        TestPlugin both = new TestPlugin("both")
                .keyword(KeywordDefinition.builder("EXPORT")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("data", "what"))
                        .parameter(ParameterDefinition.introducedBy("TO", "path", true, "where"))
                        .build())
                .syntax("EXPORT", KeywordSyntax.PLAIN.withResultTo());
        assertThatThrownBy(() -> KeywordCatalogue.of(both))
                .isInstanceOf(PluginCatalogueException.class)
                .hasMessageContaining("EXPORT also has a clause introduced by TO; TO can be only one of them");
    }

    @Test
    void twoDeclarationsOfOnePluginThatACallFitsBothAreRefused() {
        TestPlugin twice = new TestPlugin("twice")
                .keyword(FILL)
                .keyword(KeywordDefinition.builder("FILL")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("template", "the template"))
                        .parameter(ParameterDefinition.required("data", "the data"))
                        .parameter(ParameterDefinition.introducedBy("TO", "output_path", true, "the file"))
                        .build());

        assertThatThrownBy(() -> KeywordCatalogue.of(twice))
                .isInstanceOf(PluginCatalogueException.class)
                .hasMessageContaining("plugin 'twice'")
                .hasMessageContaining(
                        "declares keyword FILL twice, and a call with the same number of arguments" + " fits both");
        assertThat(FILL.callsOverlap(FILL_TO)).isFalse();
        assertThat(FILL_TO.callsOverlap(FILL)).isFalse();
        assertThat(FILL.callsOverlap(FILL)).isTrue();
        assertThat(FILL_TO.requiredClauseWords()).containsExactly("TO");
    }

    private CompilationResult check(String source) {
        return new ScriptService(catalogue).check("x.bas", source);
    }

    private List<Step> program(String source) {
        CompilationResult result = check(source);
        assertThat(result.succeeded()).as(result.format()).isTrue();
        return result.plan().orElseThrow().program().body();
    }

    private static Step.Invoke invoke(Step step) {
        return switch (step) {
            case Step.Invoke call -> call;
            default -> throw new AssertionError("expected a keyword call, got " + step);
        };
    }

    private static List<String> arguments(Step.Invoke invoke) {
        return invoke.arguments().stream()
                .map(argument -> argument.parameter() + "=" + argument.value().text())
                .toList();
    }
}
