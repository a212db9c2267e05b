package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.spi.value.NullValue;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.tools.ToolFolder;
import io.basicflow.tools.ToolsPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LLM} with active tools against a local OpenAI-compatible server that answers with tool calls:
 * the tools are offered as functions, each call runs the tool script as a child execution, and its
 * {@code RETURN} value goes back to the model, direct and durable.
 */
class ToolCallingTest {

    static final String WEATHER = """
            PARAM city AS STRING LIKE "Lisbon" DESCRIPTION "the city"
            DESCRIPTION "Today's weather in a city"
            RETURN "Sunny, 24 C in " + city
            """;

    static final String ADVICE = """
            USE TOOL "weather"
            answer = LLM "What should I wear in Lisbon and Porto today?"
            TALK answer
            """;

    @TempDir
    Path tools;

    static void writeTools(Path folder) throws IOException {
        Files.writeString(folder.resolve("weather.bas"), WEATHER);
        Files.writeString(folder.resolve("broken.bas"), """
                PARAM code AS STRING DESCRIPTION "a code"
                DESCRIPTION "Always fails"
                THROW "the ticket system is down"
                """);
    }

    private static void script(FakeModelServer server) {
        server.toolCalls("weather", "{\"city\":\"Lisbon\"}", "weather", "{\"city\":\"Porto\"}")
                .answer("A t-shirt: it is sunny in both.");
    }

    @Test
    void directRunOffersTheToolRunsBothCallsAndSendsTheResultsBack() throws IOException {
        writeTools(tools);
        try (FakeModelServer server = FakeModelServer.start()) {
            script(server);

            List<String> said = Scripts.direct(tools, ADVICE, Scripts.settings(server));

            assertThat(said).containsExactly("A t-shirt: it is sunny in both.", "completed");
            assertThat(server.requests()).hasSize(2);
            JsonNode offered = server.requests().get(0).path("tools").get(0).path("function");
            assertThat(offered.path("name").asText()).isEqualTo("weather");
            assertThat(offered.path("description").asText()).isEqualTo("Today's weather in a city");
            assertThat(offered.path("parameters")
                            .path("properties")
                            .path("city")
                            .path("type")
                            .asText())
                    .isEqualTo("string");
            assertThat(offered.path("parameters").path("required").toString()).isEqualTo("[\"city\"]");
            JsonNode second = server.requests().get(1);
            assertThat(FakeModelServer.messages(second))
                    .containsExactly(
                            "user: What should I wear in Lisbon and Porto today?",
                            "assistant: ",
                            "tool: Sunny, 24 C in Lisbon",
                            "tool: Sunny, 24 C in Porto");
            assertThat(second.path("messages").get(2).path("tool_call_id").asText())
                    .isEqualTo("call_1_1");
            assertThat(second.path("messages").get(3).path("tool_call_id").asText())
                    .isEqualTo("call_1_2");
        }
    }

    @Test
    void durableRunRecordsEachTurnAndEachToolCallAsItsChild() throws IOException {
        writeTools(tools);
        try (FakeModelServer server = FakeModelServer.start();
                BasicflowTestKit kit = kit(server)) {
            script(server);

            ScriptRun run = kit.run("#workflow\n" + ADVICE).awaitStatus(ExecutionStatus.COMPLETED);

            assertThat(run.messages()).containsExactly("A t-shirt: it is sunny in both.");
            assertThat(server.requests()).hasSize(2);
            assertThat(run.events("EffectStarted")).hasSize(2);
            assertThat(run.events("EffectCompleted")).hasSize(2);
            assertThat(run.events("ChildStarted")).hasSize(2);
            assertThat(run.events("ChildCompleted")).hasSize(2);
            assertThat(run.events("ChildCompleted").get(1).payloadJson()).contains("Sunny, 24 C in Porto");
            assertThat(FakeModelServer.messages(server.requests().get(1)))
                    .contains("tool: Sunny, 24 C in Lisbon", "tool: Sunny, 24 C in Porto");
            // The exchange is kept only while the step runs.
            assertThat(run.variables().getOrDefault("$engine.tool-rounds", NullValue.NULL))
                    .isEqualTo(NullValue.NULL);
        }
    }

    @Test
    void directAndDurableRunsSayTheSame() throws IOException {
        writeTools(tools);
        try (FakeModelServer server = FakeModelServer.start();
                BasicflowTestKit kit = kit(server)) {
            script(server);
            script(server);

            List<String> direct = Scripts.direct(tools, ADVICE, Scripts.settings(server));
            ScriptRun durable = kit.run("#workflow\n" + ADVICE).awaitStatus(ExecutionStatus.COMPLETED);

            assertThat(direct.subList(0, direct.size() - 1)).isEqualTo(durable.messages());
            assertThat(FakeModelServer.messages(server.requests().get(1)))
                    .isEqualTo(FakeModelServer.messages(server.requests().get(3)));
        }
    }

    @Test
    void aFailingToolGivesTheModelItsErrorAndTheModelAnswers() throws IOException {
        writeTools(tools);
        String script = """
                USE TOOL "broken"
                answer = LLM "Open a ticket"
                TALK answer
                """;
        try (FakeModelServer server = FakeModelServer.start()) {
            server.toolCall("broken", "{\"code\":\"A1\"}").answer("Sorry, tickets cannot be opened now.");

            List<String> said = Scripts.direct(tools, script, Scripts.settings(server));

            assertThat(said).containsExactly("Sorry, tickets cannot be opened now.", "completed");
            assertThat(FakeModelServer.messages(server.requests().get(1)).getLast())
                    .startsWith("tool: ERROR: ")
                    .contains("the ticket system is down");
        }
    }

    @Test
    void aCallOfAToolThatIsNotActiveFailsTheStepNamingIt() throws IOException {
        writeTools(tools);
        try (FakeModelServer server = FakeModelServer.start()) {
            server.toolCall("delete_everything", "{}");

            List<String> said = Scripts.direct(tools, ADVICE, Scripts.settings(server));

            assertThat(said).hasSize(1);
            assertThat(said.getFirst())
                    .startsWith("failed: ")
                    .contains("\"delete_everything\"")
                    .contains("not one of the active tools (weather)");
        }
    }

    @Test
    void aModelThatNeverStopsCallingToolsIsStoppedAtTheLimit() throws IOException {
        writeTools(tools);
        try (FakeModelServer server = FakeModelServer.start()) {
            for (int i = 0; i < 3; i++) {
                server.toolCall("weather", "{\"city\":\"Faro\"}");
            }

            List<String> said = Scripts.direct(tools, ADVICE, Scripts.settings(server, "max-tool-rounds", "2"));

            // Two rounds of tool calls are allowed; the third turn fails before asking the model.
            assertThat(said.getFirst()).startsWith("failed: ").contains("basicflow.ai.max-tool-rounds=2");
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void withoutActiveToolsNoToolsAreOffered() {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("Hello.");

            List<String> said = Scripts.direct(tools, "x = LLM \"Hi\"\nTALK x", Scripts.settings(server));

            assertThat(said).containsExactly("Hello.", "completed");
            assertThat(server.requests().getFirst().has("tools")).isFalse();
        }
    }

    private BasicflowTestKit kit(FakeModelServer server) {
        BasicflowTestKit kit = BasicflowTestKit.withPlugins(
                        new AiPlugin(), new ToolsPlugin(new ToolFolder(tools, new CoreToolCompiler())))
                .children(ChildScripts.from(ScriptResolver.directory(tools)));
        Map<String, String> settings = Scripts.settings(server);
        settings.forEach(kit::configuration);
        return kit;
    }
}
