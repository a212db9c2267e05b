package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code USE MODEL}, {@code SET MODEL ROUTING}, {@code GET CURRENT MODEL}, {@code LIST MODELS}: which model is asked. */
class ModelRoutingTest {

    private static final String SCRIPT = """
            SET MODEL ROUTING "cost"
            a = LLM "Say hi"
            SET MODEL ROUTING "quality"
            b = LLM "Say hi"
            SET MODEL ROUTING "auto"
            TALK GET CURRENT MODEL
            HEAR go
            c = LLM "Write a Python function that adds two numbers"
            d = LLM "Analyze the market trends for Q4 and provide recommendations"
            e = LLM "Say hello"
            USE MODEL "special-7b"
            f = ASK "Say hi"
            TALK GET CURRENT MODEL
            USE MODEL "code"
            TALK GET CURRENT MODEL
            SET MODEL ROUTING "manual"
            USE MODEL "default"
            g = LLM "Say hi"
            TALK GET CURRENT MODEL
            models = LIST MODELS
            FOR EACH m IN models
                TALK m.name + " = " + m.model
            NEXT
            """;

    private static final List<String> SAID = List.of(
            "auto",
            "special-7b",
            "coder-7b",
            "small-model",
            "default = small-model",
            "code = coder-7b",
            "fast = tiny-1b",
            "quality = big-70b");

    private static final List<String> ASKED =
            List.of("tiny-1b", "big-70b", "coder-7b", "big-70b", "tiny-1b", "special-7b", "small-model");

    private static Map<String, String> settings(FakeModelServer server) {
        return Scripts.settings(server, "model-fast", "tiny-1b", "model-quality", "big-70b", "model-code", "coder-7b");
    }

    private static List<String> models(FakeModelServer server) {
        return server.requests().stream().map(r -> r.path("model").asText()).toList();
    }

    @Test
    void eachStrategyAndUseModelChooseTheModelOfTheNextCalls() {
        try (FakeModelServer server = FakeModelServer.start()) {
            for (int i = 0; i < ASKED.size(); i++) {
                server.answer("ok");
            }
            List<String> said = Scripts.direct(SCRIPT, settings(server), "go");

            assertThat(said.subList(0, said.size() - 1)).containsExactlyElementsOf(SAID);
            assertThat(said).last().isEqualTo("completed");
            assertThat(models(server)).containsExactlyElementsOf(ASKED);
        }
    }

    @Test
    void aDurableRunRoutesAsTheDirectRunAcrossAWait() {
        try (FakeModelServer server = FakeModelServer.start();
                BasicflowTestKit kit = Scripts.kit(settings(server))) {
            for (int i = 0; i < ASKED.size(); i++) {
                server.answer("ok");
            }
            ScriptRun run = kit.run("#workflow\n" + SCRIPT).awaitStatus(ExecutionStatus.WAITING_INPUT);
            run.input("go").awaitStatus(ExecutionStatus.COMPLETED);

            assertThat(run.messages()).containsExactlyElementsOf(SAID);
            assertThat(models(server)).containsExactlyElementsOf(ASKED);
        }
    }

    @Test
    void theConfiguredStrategyIsTheDefaultAndAnUnknownOneIsRefused() {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("ok");
            Map<String, String> settings = settings(server);
            settings.put("basicflow.ai.model-routing-strategy", "cost");

            assertThat(Scripts.direct("x = LLM \"Say hi\"\nTALK GET CURRENT MODEL\n", settings))
                    .containsExactly("tiny-1b", "completed");
            assertThat(models(server)).containsExactly("tiny-1b");

            assertThat(Scripts.direct("SET MODEL ROUTING \"cheapest\"\n", settings(server)))
                    .singleElement()
                    .asString()
                    .contains("unknown routing strategy 'cheapest'", "manual, auto, cost, quality");
        }
    }

    @Test
    void autoSendsCodeToTheCodeModelAndLongOrAnalyticalPromptsToTheQualityModel() {
        assertThat(ModelRouting.classify("Fix this SQL: select * form users")).isEqualTo("code");
        assertThat(ModelRouting.classify("Generate a detailed financial analysis with projections"))
                .isEqualTo("quality");
        assertThat(ModelRouting.classify("word ".repeat(100))).isEqualTo("quality");
        assertThat(ModelRouting.classify("What time is it in New York?")).isEqualTo("fast");
    }
}
