package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.catalogue.PluginCatalogueException;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.testing.TestPlugins;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordLowering;
import io.basicflow.spi.KeywordLowering.Argument;
import io.basicflow.spi.KeywordLowering.Call;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.NullValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A keyword whose plugin declares a {@link KeywordLowering} compiles to the calls it lowers to, one
 * step each, linked by hidden temporaries; the keyword itself needs no handler.
 */
class KeywordLoweringTest {

    /**
     * {@code SAVE FROM NOTES table, text}: {@code ASK ROW table, text} (this plugin's, a value) then the
     * data plugin's {@code SAVE table, <the row>}.
     */
    static final class NotesPlugin implements KeywordPlugin {
        private final String lowered;
        private final KeywordLowering lowering;

        NotesPlugin(String lowered, KeywordLowering lowering) {
            this.lowered = lowered;
            this.lowering = lowering;
        }

        NotesPlugin(KeywordLowering lowering) {
            this("SAVE FROM NOTES", lowering);
        }

        NotesPlugin(String lowered) {
            this(
                    lowered,
                    KeywordLowering.of(
                            Call.of("ASK ROW", Argument.written("table", "table"), Argument.written("text", "text")),
                            Call.of("SAVE", Argument.written("table", "table"), Argument.resultOf("values", 0))));
        }

        NotesPlugin() {
            this("SAVE FROM NOTES");
        }

        @Override
        public String name() {
            return "notes";
        }

        @Override
        public List<KeywordDefinition> keywords() {
            return List.of(
                    KeywordDefinition.builder(lowered)
                            .form(KeywordForm.FUNCTION)
                            .parameter(ParameterDefinition.required("table", "the table"))
                            .parameter(ParameterDefinition.required("text", "the notes"))
                            .build(),
                    KeywordDefinition.builder("ASK ROW")
                            .form(KeywordForm.FUNCTION)
                            .parameter(ParameterDefinition.required("table", "the table"))
                            .parameter(ParameterDefinition.required("text", "the notes"))
                            .build());
        }

        @Override
        public Optional<KeywordHandler> handler(String keyword) {
            // no handler for SAVE FROM NOTES: it never runs as itself
            return keyword.equals("ASK ROW") ? Optional.of(invocation -> NullValue.NULL) : Optional.empty();
        }

        @Override
        public Optional<KeywordLowering> lowering(String keyword) {
            return keyword.equals(lowered) ? Optional.of(lowering) : Optional.empty();
        }
    }

    private static final ScriptService SERVICE =
            new ScriptService(KeywordCatalogue.of(TestPlugins.builtins(), TestPlugins.data(), new NotesPlugin()));

    private static List<Step> steps(String source) {
        CompilationResult result = SERVICE.check("notes.bas", source);
        assertThat(result.succeeded()).as(result.format()).isTrue();
        return result.plan().orElseThrow().program().body();
    }

    private static Step.Invoke invoke(Step step) {
        assertThat(step).isInstanceOf(Step.Invoke.class);
        return (Step.Invoke) step;
    }

    @Test
    void aStatementBecomesTheLoweredCallsLinkedByATemporary() {
        List<Step> steps = steps("note = \"Ana, ana@example.com\"\nSAVE FROM NOTES \"contacts\", note\n");

        assertThat(steps).hasSize(4);
        Step.Invoke ask = invoke(steps.get(1));
        assertThat(ask.keyword()).isEqualTo("ASK ROW");
        assertThat(ask.arguments())
                .extracting(Step.Argument::parameter, a -> a.value().text())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("table", "\"contacts\""),
                        org.assertj.core.groups.Tuple.tuple("text", "note"));
        assertThat(ask.result()).contains(Target.variable("$lowered2_1_1"));
        Step.Invoke save = invoke(steps.get(2));
        assertThat(save.keyword()).isEqualTo("SAVE");
        assertThat(save.arguments()).extracting(Step.Argument::parameter).containsExactly("table", "values");
        assertThat(save.arguments().get(1).value().tree()).isEqualTo(new Expr.Variable("$lowered2_1_1"));
        assertThat(save.result()).isEmpty();
        // errors of either step name the statement's line and column
        assertThat(save.span().line()).isEqualTo(2);
        assertThat(ask.span()).isEqualTo(save.span());
        // then the temporary is emptied: under ON ERROR RESUME NEXT a failed ASK ROW in a later pass of a
        // loop must not leave SAVE this pass's row
        Step.Assign emptied = (Step.Assign) steps.get(3);
        assertThat(emptied.target()).isEqualTo(Target.variable("$lowered2_1_1"));
        assertThat(emptied.value().text()).isEqualTo("NULL");
    }

    @Test
    void theLastCallsValueGoesWhereTheScriptPutTheKeywords() {
        List<Step> steps = steps("row = SAVE FROM NOTES \"contacts\", \"Ana\"\n");

        assertThat(steps).hasSize(3);
        assertThat(invoke(steps.get(1)).result()).contains(Target.variable("row"));
    }

    @Test
    void anArgumentReadByTwoCallsIsEvaluatedOnceFirst() {
        List<Step> steps = steps("SAVE FROM NOTES \"t\" + UUID(), \"Ana\"\n");

        assertThat(steps).hasSize(5);
        assertThat(steps.subList(3, 5))
                .extracting(step -> ((Step.Assign) step).target().variable())
                .containsExactly("$lowered1_1_1", "$lowered1_1_arg1");
        Step.Assign once = (Step.Assign) steps.get(0);
        assertThat(once.target()).isEqualTo(Target.variable("$lowered1_1_arg1"));
        assertThat(once.value().text()).isEqualTo("\"t\" + UUID()");
        assertThat(invoke(steps.get(1)).arguments().get(0).value().tree())
                .isEqualTo(new Expr.Variable("$lowered1_1_arg1"));
        assertThat(invoke(steps.get(2)).arguments().get(0).value().tree())
                .isEqualTo(new Expr.Variable("$lowered1_1_arg1"));
        // the text is read by one call only: passed as written
        assertThat(invoke(steps.get(1)).arguments().get(1).value().tree()).isInstanceOf(Expr.Literal.class);
    }

    @Test
    void insideAnExpressionTheCallsAreHoistedBeforeTheStatement() {
        ScriptService service = new ScriptService(
                KeywordCatalogue.of(TestPlugins.builtins(), TestPlugins.data(), new NotesPlugin("NOTES ROW")));
        CompilationResult result = service.check("notes.bas", "TALK \"Saved: \" + NOTES ROW(\"contacts\", \"Ana\")\n");
        assertThat(result.succeeded()).as(result.format()).isTrue();
        List<Step> steps = result.plan().orElseThrow().program().body();

        assertThat(steps).hasSize(4);
        assertThat(invoke(steps.get(0)).keyword()).isEqualTo("ASK ROW");
        assertThat(invoke(steps.get(1)).keyword()).isEqualTo("SAVE");
        assertThat(invoke(steps.get(1)).result()).contains(Target.variable("$effect1"));
        assertThat(steps.get(2)).isInstanceOf(Step.Assign.class);
        assertThat(steps.get(3)).isInstanceOf(Step.Talk.class);
    }

    @Test
    void aCalledKeywordThatIsNotInstalledIsACompileErrorAtTheStatement() {
        ScriptService withoutData = new ScriptService(KeywordCatalogue.of(TestPlugins.builtins(), new NotesPlugin()));

        CompilationResult result = withoutData.check("notes.bas", "TALK \"hi\"\n  SAVE FROM NOTES \"t\", \"Ana\"\n");

        assertThat(result.succeeded()).isFalse();
        Diagnostic diagnostic = result.diagnostics().getFirst();
        assertThat(diagnostic.kind()).isEqualTo(DiagnosticKind.UNKNOWN_KEYWORD);
        assertThat(diagnostic.line()).isEqualTo(2);
        assertThat(diagnostic.column()).isEqualTo(3);
        assertThat(diagnostic.message())
                .contains("SAVE FROM NOTES runs as ASK ROW then SAVE")
                .contains("SAVE: no installed plugin provides it");
    }

    @Test
    void aCalledKeywordWithoutTheParameterIsACompileErrorSayingThePluginsDoNotFit() {
        NotesPlugin mismatched = new NotesPlugin(KeywordLowering.of(
                Call.of("SAVE", Argument.written("table", "table"), Argument.written("rows", "text"))));
        ScriptService service =
                new ScriptService(KeywordCatalogue.of(TestPlugins.builtins(), TestPlugins.data(), mismatched));

        CompilationResult result = service.check("notes.bas", "SAVE FROM NOTES \"t\", \"Ana\"\n");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.diagnostics().getFirst().message())
                .contains("with parameter 'rows', which the installed SAVE does not declare");
    }

    @Test
    void aLoweringThatPassesAnUndeclaredParameterStopsTheCatalogue() {
        NotesPlugin wrong = new NotesPlugin(KeywordLowering.of(Call.of("SAVE", Argument.written("table", "tabel"))));

        assertThatThrownBy(() -> KeywordCatalogue.of(TestPlugins.builtins(), TestPlugins.data(), wrong))
                .isInstanceOf(PluginCatalogueException.class)
                .hasMessageContaining("lowers keyword SAVE FROM NOTES to SAVE with parameter 'tabel'");
    }

    @Test
    void aCallMayOnlyReadTheResultOfAnEarlierCall() {
        assertThatThrownBy(() -> KeywordLowering.of(Call.of("SAVE", Argument.resultOf("values", 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads the result of call 0, which does not run before it");
    }
}
