package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.MapValue;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code BOT REFLECTION true}, {@code BOT REFLECTION ON "metric"} and {@code BOT REFLECTION INSIGHTS()}:
 * while reflection is on, the LLM exchanges are kept; the insights are the model's analysis of them, the
 * same in a direct and a durable run.
 */
class ReflectionTest {

    static final String SCRIPT = """
            BOT REFLECTION true
            BOT REFLECTION ON "response_accuracy"
            HEAR question
            answer = LLM question
            TALK answer
            HEAR question
            answer = LLM question
            TALK answer
            insights = BOT REFLECTION INSIGHTS()
            TALK "Quality Score: " + insights.qualityScore
            TALK "Issues: " + insights.issuesCount + ", critical " + insights.criticalIssues
            FOR EACH suggestion IN insights.suggestions
                TALK "Suggestion: " + suggestion
            NEXT suggestion
            TALK "Accuracy: " + insights.responseAccuracy + " / " + insights.metrics.response_accuracy
            """;

    static final String ANALYSIS = """
            ```json
            {"qualityScore": 0.6, "summary": "The bot answered, but once wrongly.",
             "issues": ["The train time was wrong"], "criticalIssues": 1,
             "suggestions": ["Check timetables before answering", {"text": "Apologise for errors"}],
             "metrics": {"response_accuracy": 55}}
            ```""";

    @Test
    void theInsightsAnalyseTheExchangesInBothModes() {
        try (FakeModelServer server = FakeModelServer.start();
                BasicflowTestKit kit = Scripts.kit(Scripts.settings(server))) {
            for (int run = 0; run < 2; run++) {
                server.answer("Paris.").answer("About two hours.").answer(ANALYSIS);
            }
            List<String> direct = Scripts.direct(
                    SCRIPT, Scripts.settings(server), "Capital of France?", "How long is the train to Lyon?");
            ScriptRun durable = kit.run("#workflow\n" + SCRIPT)
                    .input("Capital of France?")
                    .input("How long is the train to Lyon?")
                    .awaitStatus(ExecutionStatus.COMPLETED);

            List<String> said = List.of(
                    "Paris.",
                    "About two hours.",
                    "Quality Score: 0.6",
                    "Issues: 1, critical 1",
                    "Suggestion: Check timetables before answering",
                    "Suggestion: Apologise for errors",
                    "Accuracy: 0.55 / 0.55");
            assertThat(direct.subList(0, direct.size() - 1)).isEqualTo(said);
            assertThat(direct).last().isEqualTo("completed");
            assertThat(durable.messages()).isEqualTo(said);
            assertThat(server.requests()).hasSize(6);
            for (int analysis : List.of(2, 5)) {
                List<String> messages =
                        FakeModelServer.messages(server.requests().get(analysis));
                assertThat(messages.get(0)).startsWith("system: You review a chatbot's conversation");
                assertThat(messages.get(1))
                        .startsWith("user: Metrics to score: response_accuracy\n")
                        .contains("User: Capital of France?\nBot: Paris.\n")
                        .contains("User: How long is the train to Lyon?\nBot: About two hours.\n");
            }
        }
    }

    @Test
    void withReflectionOffOrTooFewMessagesThereIsNothingToAnalyse() {
        String script = """
                answer = LLM "one"
                none = BOT REFLECTION INSIGHTS()
                BOT REFLECTION true
                answer = LLM "two"
                few = BOT REFLECTION INSIGHTS()
                answer = LLM "three"
                BOT REFLECTION false
                off = BOT REFLECTION INSIGHTS()
                IF none = "" AND few = "" AND off = "" THEN TALK "nothing to analyse"
                """;
        try (FakeModelServer server = FakeModelServer.start();
                BasicflowTestKit kit = Scripts.kit(Scripts.settings(server))) {
            server.answer("1").answer("2").answer("3").answer("1").answer("2").answer("3");
            assertThat(Scripts.direct(script, Scripts.settings(server)))
                    .containsExactly("nothing to analyse", "completed");
            ScriptRun durable = kit.run("#workflow\n" + script).awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(durable.messages()).containsExactly("nothing to analyse");
            // only the LLM calls reached the model: no analysis was asked for
            assertThat(server.requests()).hasSize(6);
        }
    }

    @Test
    void badArgumentsAndAnswersFailTheStepSayingWhatToWrite() {
        try (FakeModelServer server = FakeModelServer.start()) {
            assertThat(Scripts.direct("BOT REFLECTION \"maybe\"", Scripts.settings(server)))
                    .last()
                    .asString()
                    .contains("BOT REFLECTION takes true or false");
            assertThat(Scripts.direct("BOT REFLECTION ON \"how good?\"", Scripts.settings(server)))
                    .last()
                    .asString()
                    .contains("BOT REFLECTION ON needs a metric name");
            server.answer("a").answer("b").answer("I think it went well.");
            String script = "BOT REFLECTION true\na = LLM \"x\"\nb = LLM \"y\"\ni = BOT REFLECTION INSIGHTS()\n";
            assertThat(Scripts.direct(script, Scripts.settings(server)))
                    .last()
                    .asString()
                    .contains("did not answer with the JSON analysis")
                    .contains("I think it went well.");
        }
    }

    @Test
    void theAnalysisKeepsScoresBetweenZeroAndOneAndNamesEveryMetric() throws KeywordException {
        MapValue insights = Reflection.analysis(
                "{\"qualityScore\": 1.7e2, \"metrics\": {\"userSatisfaction\": 0.25}}",
                List.of("user_satisfaction", "tone_appropriateness"),
                4,
                "c-1",
                "2026-12-07T13:00:00Z");
        assertThat(insights.find("qualityScore").orElseThrow().display()).isEqualTo("1");
        assertThat(insights.find("userSatisfaction").orElseThrow().display()).isEqualTo("0.25");
        assertThat(insights.find("toneAppropriateness").orElseThrow())
                .isInstanceOf(io.basicflow.spi.value.NullValue.class);
        assertThat(insights.find("issuesCount").orElseThrow().display()).isEqualTo("0");
        assertThat(insights.find("conversationId").orElseThrow().display()).isEqualTo("c-1");
        assertThatThrownBy(() -> Reflection.analysis("{\"summary\": \"fine\"}", List.of(), 2, "c", "t"))
                .isInstanceOf(KeywordException.class)
                .hasMessageContaining("qualityScore");
    }
}
