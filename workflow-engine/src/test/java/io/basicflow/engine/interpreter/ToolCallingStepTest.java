package io.basicflow.engine.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.ToolCall;
import io.basicflow.spi.ToolCallingHandler;
import io.basicflow.spi.ToolRound;
import io.basicflow.spi.ToolTurn;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The engine side of {@link ToolCallingHandler}, without a model: a keyword whose turns ask for tool
 * calls gets each call run as a child execution of the tool script and sees the results in its next
 * turn's rounds; a call of a tool that is not active fails the step.
 */
class ToolCallingStepTest {

    /** {@code x = ASK n}: asks for {@code double(n)}, then {@code double(that)}, then answers. */
    private static final class AskPlugin implements KeywordPlugin {
        final List<List<ToolRound>> seen = new ArrayList<>();
        final String tool;

        AskPlugin(String tool) {
            this.tool = tool;
        }

        @Override
        public String name() {
            return "ask";
        }

        @Override
        public List<KeywordDefinition> keywords() {
            return List.of(
                    // as the tools plugin declares it; without a schema the name stays as written
                    KeywordDefinition.builder("ADD TOOL")
                            .parameter(ParameterDefinition.required("tool", "the tool"))
                            .effect(EffectKind.PURE)
                            .description("adds a tool")
                            .build(),
                    KeywordDefinition.builder("ASK")
                            .form(KeywordForm.FUNCTION)
                            .parameter(ParameterDefinition.required("n", "a number"))
                            .effect(EffectKind.IDEMPOTENT_EFFECT)
                            .description("asks the tool twice")
                            .build());
        }

        @Override
        public Optional<KeywordHandler> handler(String keyword) {
            if (keyword.equals("ADD TOOL")) {
                return Optional.of(invocation -> NullValue.NULL);
            }
            return Optional.of((ToolCallingHandler) (invocation, rounds) -> {
                seen.add(rounds);
                if (rounds.size() < 2) {
                    Value argument = rounds.isEmpty()
                            ? invocation.argument("n")
                            : rounds.getLast().results().getFirst();
                    return new ToolTurn.CallTools(
                            new TextValue("turn " + (rounds.size() + 1)),
                            List.of(new ToolCall("c" + rounds.size(), tool, List.of(argument))));
                }
                return new ToolTurn.Answer(new TextValue(
                        "got " + rounds.getLast().results().getFirst().display()));
            });
        }
    }

    private static DirectOutcome run(AskPlugin plugin, List<String> said) {
        KeywordCatalogue catalogue = KeywordCatalogue.of(new CorePlugin(), plugin);
        ScriptService compiler = new ScriptService(catalogue);
        RuntimeCatalogue runtime = RuntimeCatalogue.from(catalogue, Map.of(), Clock.systemUTC());
        String main = "ADD TOOL \"double\"\nx = ASK 5\nTALK x\n";
        return DirectRunner.builder(runtime, ScriptCompiler.using(compiler))
                .resolver(request ->
                        Optional.of(new ScriptResolver.Script("double.bas", "PARAM n AS INTEGER\nRETURN n * 2\n")))
                .build()
                .run(compiler.compile("main.bas", main).program(), new Conversation() {
                    @Override
                    public void say(String text) {
                        said.add(text);
                    }

                    @Override
                    public Optional<String> listen(InputRequest request) {
                        return Optional.empty();
                    }
                })
                .outcome();
    }

    @Test
    void eachCallRunsTheToolAndTheNextTurnSeesItsResult() {
        AskPlugin plugin = new AskPlugin("double");
        List<String> said = new ArrayList<>();

        DirectOutcome outcome = run(plugin, said);

        assertThat(outcome).isNotInstanceOf(DirectOutcome.Failed.class);
        assertThat(said).containsExactly("got 20");
        assertThat(plugin.seen).hasSize(3);
        ToolRound first = plugin.seen.get(2).get(0);
        assertThat(first.message()).isEqualTo(new TextValue("turn 1"));
        assertThat(first.calls()).containsExactly(new ToolCall("c0", "double", List.of(IntegerValue.of(5))));
        assertThat(first.results()).containsExactly(IntegerValue.of(10));
        assertThat(plugin.seen.get(2).get(1).results()).containsExactly(IntegerValue.of(20));
    }

    @Test
    void aCallOfAToolThatIsNotActiveFailsTheStep() {
        List<String> said = new ArrayList<>();

        DirectOutcome outcome = run(new AskPlugin("format-disk"), said);

        assertThat(outcome).isInstanceOf(DirectOutcome.Failed.class);
        assertThat(((DirectOutcome.Failed) outcome).error().message())
                .contains("ASK failed")
                .contains("\"format-disk\", which is not active here (active: double)");
        assertThat(said).isEmpty();
    }
}
