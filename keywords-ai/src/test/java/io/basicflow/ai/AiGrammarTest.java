package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.compiler.CompilationException;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.spi.program.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the AI forms compile: the system prompt block, the WITH clauses, and the errors of bad input. */
class AiGrammarTest {

    private final ScriptService compiler = new ScriptService(KeywordCatalogue.of(new CorePlugin(), new AiPlugin()));

    private List<Step> steps(String source) {
        return compiler.compile("bot.bas", source).program().body();
    }

    @Test
    void theSystemPromptBlockBecomesOneStepWithItsLinesAsWritten() {
        List<Step> steps =
                steps("BEGIN SYSTEM PROMPT\nBe brief.\n  Use ${no} templates.\nEND SYSTEM PROMPT\nTALK \"hi\"\n");

        assertThat(steps).hasSize(2);
        Step.Invoke prompt = (Step.Invoke) steps.getFirst();
        assertThat(prompt.keyword()).isEqualTo("SYSTEM PROMPT");
        assertThat(prompt.arguments().getFirst().value().text()).isEqualTo("Be brief.\n  Use ${no} templates.");
    }

    @Test
    void withClausesOnTheLinesBelowBelongToTheCall() {
        List<Step> steps =
                steps("x = LLM \"slogan\"\n  WITH OPTIMIZE FOR \"quality\"\n  WITH MAX_LATENCY 5000\nTALK x\n");

        assertThat(steps).hasSize(2);
        Step.Invoke llm = (Step.Invoke) steps.getFirst();
        assertThat(llm.arguments())
                .extracting(argument ->
                        argument.parameter() + "=" + argument.value().text())
                .containsExactly("prompt=\"slogan\"", "optimize=\"quality\"", "max_latency=5000");
    }

    @Test
    void aWithBlockAfterACallIsStillAWithBlock() {
        List<Step> steps = steps("x = LLM \"hi\"\nWITH order\n  id = 5\nEND WITH\nTALK order.id\n");

        assertThat(steps).hasSize(3);
        assertThat(((Step.Invoke) steps.getFirst()).arguments()).hasSize(1);
    }

    @Test
    void anUnclosedSystemPromptIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> compiler.compile("bot.bas", "TALK \"a\"\nBEGIN SYSTEM PROMPT\nBe brief.\n"))
                .isInstanceOf(CompilationException.class)
                .hasMessageContaining("bot.bas:2:1")
                .hasMessageContaining("BEGIN SYSTEM PROMPT at line 2 is not closed: expected END SYSTEM PROMPT");
    }

    @Test
    void withoutTheAiPluginTheBlockIsAnUnknownKeyword() {
        ScriptService bare = new ScriptService(KeywordCatalogue.of(new CorePlugin()));

        assertThatThrownBy(() -> bare.compile("bot.bas", "BEGIN SYSTEM PROMPT\nBe brief.\nEND SYSTEM PROMPT\n"))
                .isInstanceOf(CompilationException.class)
                .hasMessageContaining("bot.bas:1:1")
                .hasMessageContaining("no installed plugin provides SYSTEM PROMPT");
    }

    @Test
    void aClauseTheKeywordDoesNotHaveIsNamed() {
        assertThatThrownBy(() -> compiler.compile("bot.bas", "x = LLM \"hi\" WITH TEMPERATURE 2\n"))
                .isInstanceOf(CompilationException.class)
                .hasMessageContaining("bot.bas:1:14")
                .hasMessageContaining("LLM has no WITH clause");
    }
}
