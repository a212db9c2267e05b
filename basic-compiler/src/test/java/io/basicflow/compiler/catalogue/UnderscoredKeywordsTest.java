package io.basicflow.compiler.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code SET_CONTEXT "…"} and {@code id = CREATE_TASK …}: a keyword written with underscores for its
 * spaces, as real scripts do, is the keyword; a variable of such a name stays a variable.
 */
class UnderscoredKeywordsTest {

    private static final TestPlugin PLUGIN = new TestPlugin("tasks")
            .keyword(KeywordDefinition.builder("CREATE TASK")
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required("title", "the title"))
                    .parameter(ParameterDefinition.optional("priority", "the priority"))
                    .build())
            .keyword(KeywordDefinition.builder("SET CONTEXT")
                    .parameter(ParameterDefinition.required("text", "the context"))
                    .build())
            .keyword(KeywordDefinition.builder("GROUP_BY")
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required("rows", "the rows"))
                    .build());

    private final ScriptService compiler = new ScriptService(KeywordCatalogue.of(new CorePlugin(), PLUGIN));

    @Test
    void anUnderscoredKeywordIsTheKeywordAtAStatementStartAfterThenAndAfterAnAssignment() {
        List<Step> steps = program("""
                SET_CONTEXT "You are a helpful assistant"
                CREATE_TASK "Reorder paper", "high"
                id = CREATE_TASK("Call back")
                IF id <> "" THEN CREATE_TASK "Follow up"
                """);

        assertThat(invoked(steps.get(0))).isEqualTo("SET CONTEXT");
        assertThat(invoked(steps.get(1))).isEqualTo("CREATE TASK");
        Step.Invoke assigned = (Step.Invoke) steps.get(2);
        assertThat(assigned.keyword()).isEqualTo("CREATE TASK");
        assertThat(assigned.result()).isPresent();
        Step.If branch = (Step.If) steps.get(3);
        assertThat(invoked(branch.branches().getFirst().body().getFirst())).isEqualTo("CREATE TASK");
    }

    @Test
    void aVariableOfSuchANameStaysAVariable() {
        List<Step> steps = program("""
                CREATE_TASK = "not a call"
                create_task = 2
                x = create_task
                TALK CREATE_TASK
                """);

        assertThat(steps).allMatch(step -> !(step instanceof Step.Invoke));
    }

    @Test
    void aKeywordDeclaredWithItsUnderscoreIsCalledAsDeclared() {
        List<Step> steps = program("rows = [1]\ng = GROUP_BY rows\n");

        assertThat(invoked(steps.get(1))).isEqualTo("GROUP_BY");
    }

    @Test
    void anErrorInTheCallNamesTheColumnOfTheUnderscoredName() {
        CompilationResult result = compiler.check("x.bas", "TALK \"hi\"\n    CREATE_TASK\n");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.format()).contains("x.bas:2:5").contains("CREATE TASK needs title");
    }

    @Test
    void anUnknownUnderscoredNameIsReportedAsWritten() {
        CompilationResult result = compiler.check("x.bas", "SEND_PIGEON \"hi\"\n");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.format()).contains("SEND_PIGEON");
    }

    private List<Step> program(String source) {
        CompilationResult result = compiler.check("x.bas", source);
        assertThat(result.succeeded()).as(result.format()).isTrue();
        return result.plan().orElseThrow().program().body();
    }

    private static String invoked(Step step) {
        return switch (step) {
            case Step.Invoke call -> call.keyword();
            default -> throw new AssertionError("expected a keyword call, got " + step);
        };
    }
}
