package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code LLM} and {@code BEGIN SYSTEM PROMPT} against a local OpenAI-compatible server, direct and durable. */
class LlmTest {

    private static final String HELPDESK = """
            BEGIN SYSTEM PROMPT
            You are the helpdesk of a small library.
            Answer in one sentence.
            END SYSTEM PROMPT
            answer = LLM "When do you open on Saturdays?"
            TALK answer
            """;

    @Test
    void directRunSendsTheSystemPromptAndThePromptAndTalksTheAnswer() {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("We open at 10 on Saturdays.");

            List<String> said = Scripts.direct(HELPDESK, Scripts.settings(server));

            assertThat(said).containsExactly("We open at 10 on Saturdays.", "completed");
            JsonNode request = server.requests().getFirst();
            assertThat(request.path("model").asText()).isEqualTo("small-model");
            assertThat(FakeModelServer.messages(request))
                    .containsExactly(
                            "system: You are the helpdesk of a small library.\nAnswer in one sentence.",
                            "user: When do you open on Saturdays?");
            assertThat(server.authorizations()).containsExactly("Bearer sk-test-secret-4711");
        }
    }

    @Test
    void durableRunRecordsTheAnswerOnceAndNeverTheKey() {
        try (FakeModelServer server = FakeModelServer.start();
                BasicflowTestKit kit = Scripts.kit(Scripts.settings(server))) {
            server.answer("We open at 10 on Saturdays.");

            ScriptRun run = kit.run("#workflow\n" + HELPDESK).awaitStatus(ExecutionStatus.COMPLETED);

            assertThat(run.messages()).containsExactly("We open at 10 on Saturdays.");
            assertThat(server.requests()).hasSize(1);
            List<EventView> completed = run.events("EffectCompleted");
            assertThat(completed).hasSize(1);
            assertThat(completed.getFirst().payloadJson()).contains("We open at 10 on Saturdays.");
            assertThat(run.events())
                    .noneSatisfy(event -> assertThat(event.payloadJson()).contains("sk-test-secret-4711"));
        }
    }

    @Test
    void directAndDurableRunsOfTheSameScriptSayTheSame() {
        String script = """
                BEGIN SYSTEM PROMPT
                Reply with a greeting.
                END SYSTEM PROMPT
                HEAR name
                greeting = LLM "Greet " + name
                TALK greeting
                TALK "bye"
                """;
        try (FakeModelServer server = FakeModelServer.start();
                BasicflowTestKit kit = Scripts.kit(Scripts.settings(server))) {
            server.answer("Hello, Ana!").answer("Hello, Ana!");

            List<String> direct = Scripts.direct(script, Scripts.settings(server), "Ana");
            ScriptRun durable = kit.run("#workflow\n" + script).input("Ana").awaitStatus(ExecutionStatus.COMPLETED);

            assertThat(direct).containsExactly("Hello, Ana!", "bye", "completed");
            assertThat(durable.messages()).containsExactly("Hello, Ana!", "bye");
            assertThat(server.requests()).hasSize(2);
            assertThat(FakeModelServer.messages(server.requests().get(0)))
                    .isEqualTo(FakeModelServer.messages(server.requests().get(1)));
        }
    }

    @Test
    void continuationLinesChooseTheModelAndTheTimeout() {
        String script = """
                draft = LLM "Write a slogan"
                  WITH OPTIMIZE FOR "quality"
                  WITH MAX_LATENCY 5000
                cheap = LLM "Write a subject line" WITH OPTIMIZE FOR "cost"
                USE MODEL "coder-7b"
                code = LLM "Write a loop"
                TALK draft + " / " + cheap + " / " + code
                """;
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("Read more").answer("News").answer("FOR i = 1 TO 3");

            List<String> said = Scripts.direct(
                    script, Scripts.settings(server, "model-quality", "big-model", "model-fast", "tiny-model"));

            assertThat(said).containsExactly("Read more / News / FOR i = 1 TO 3", "completed");
            assertThat(server.requests())
                    .extracting(request -> request.path("model").asText())
                    .containsExactly("big-model", "tiny-model", "coder-7b");
        }
    }

    @Test
    void maxCostLimitsTheAnswerLengthByTheConfiguredPrice() {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("ok");

            Scripts.direct(
                    "x = LLM \"Summarise\"\n  WITH MAX_COST 0.002\nTALK x\n",
                    Scripts.settings(server, "price-per-million-tokens", "10"));

            // 0.002 USD at 10 USD per million tokens buys 200 tokens.
            JsonNode request = server.requests().getFirst();
            int limit = request.has("max_completion_tokens")
                    ? request.path("max_completion_tokens").asInt()
                    : request.path("max_tokens").asInt();
            assertThat(limit).isEqualTo(200);
        }
    }

    @Test
    void rateLimitAndServerErrorsAreRetriedUntilAnAnswerComes() {
        try (FakeModelServer server = FakeModelServer.start();
                BasicflowTestKit kit = Scripts.kit(Scripts.settings(server))) {
            server.status(429, "{\"error\":{\"message\":\"slow down\"}}")
                    .status(503, "{\"error\":{\"message\":\"loading model\"}}")
                    .answer("Fine.");

            ScriptRun run =
                    kit.run("#workflow\nx = LLM \"How are you?\"\nTALK x\n").awaitStatus(ExecutionStatus.COMPLETED);

            assertThat(run.messages()).containsExactly("Fine.");
            assertThat(server.requests()).hasSize(3);
            List<EventView> failed = run.events("EffectFailed");
            assertThat(failed).hasSize(2);
            assertThat(failed.get(0).payloadJson()).contains("HTTP 429");
            assertThat(failed.get(1).payloadJson()).contains("HTTP 503");
        }
    }

    @Test
    void aHangingServerTimesOutAndTheRetryGetsTheAnswer() {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.hang().answer("Late but here.");

            long started = System.nanoTime();
            List<String> said = Scripts.direct(
                    "x = LLM \"Are you there?\" WITH MAX_LATENCY 300\nTALK x\n", Scripts.settings(server));
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(said).containsExactly("Late but here.", "completed");
            assertThat(server.requests()).hasSize(2);
            assertThat(millis).isLessThan(10_000);
        }
    }

    @Test
    void aRefusedKeyFailsAtOnceNamingTheSetting() {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.status(401, "{\"error\":{\"message\":\"invalid api key\"}}");

            List<String> said = Scripts.direct("x = LLM \"Hi\"\nTALK x\n", Scripts.settings(server));

            assertThat(said).hasSize(1);
            assertThat(said.getFirst()).startsWith("failed: ").contains("HTTP 401", "basicflow.ai.api-key");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void withoutAnEndpointTheStepFailsSayingWhatToConfigure() {
        List<String> said = Scripts.direct("x = LLM \"Hi\"\nTALK x\n", Map.of());

        assertThat(said).hasSize(1);
        assertThat(said.getFirst()).startsWith("failed: ").contains("basicflow.ai.base-url");
    }
}
