package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code AI SCORE LEAD lead_data} (keywords-lead-scoring.md) against a local OpenAI-compatible server:
 * the page's script says the same in a direct and a durable run, the model is sent the lead's data, the
 * score is graded as {@code SCORE LEAD} grades it (the leads plugin's threshold), and a durable run
 * that crashes after the step resumes without asking the model again.
 */
class AiScoreLeadTest {

    static final String SCRIPT = """
            lead_data = NEW OBJECT
            lead_data.email = "john@company.com"
            lead_data.job_title = "VP of Engineering"
            lead_data.company_size = "Enterprise"
            lead_data.notes = "asked for pricing twice this week"
            score = AI SCORE LEAD lead_data
            TALK "AI Score: " + score.score + " " + score.grade + " " + score.status
            TALK "Confidence: " + score.breakdown.ai_confidence
            TALK "Reasoning: " + score.breakdown.ai_reasoning
            TALK "Top recommendation: " + score.recommendations[0]
            """;

    static final String ANSWER = """
            {"score": 84.4, "confidence": 0.8, "reasoning": "A VP at an enterprise asking about pricing.",
             "demographic": 90, "firmographic": 95, "behavioral": 70, "engagement": 60,
             "recommendations": ["Book a demo this week", "Send the enterprise price sheet"]}""";

    static final List<String> SAID = List.of(
            "AI Score: 84 A warm",
            "Confidence: 0.8",
            "Reasoning: A VP at an enterprise asking about pricing.",
            "Top recommendation: Book a demo this week");

    @Test
    void thePagesScriptSaysTheSameDirectAndDurableAndTheModelReadsTheLead() {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer(ANSWER).answer(ANSWER);
            // a stricter qualification threshold than the score: warm, not hot
            Map<String, String> settings = new java.util.LinkedHashMap<>(Scripts.settings(server));
            settings.put("basicflow.leads.lead-score-qualification-threshold", "90");

            List<String> direct = Scripts.direct(SCRIPT, settings);
            assertThat(direct.subList(0, 4)).isEqualTo(SAID);
            assertThat(direct.get(4)).isEqualTo("completed");

            try (BasicflowTestKit kit = Scripts.kit(settings)) {
                ScriptRun run = kit.run("leads/ai.bas", "#workflow\n" + SCRIPT);
                run.awaitStatus(ExecutionStatus.COMPLETED);
                assertThat(run.messages()).isEqualTo(SAID);
            }
            assertThat(server.requests()).hasSize(2);
            List<String> asked = FakeModelServer.messages(server.requests().get(0));
            assertThat(asked.get(0)).isEqualTo("system: " + AiLeadScore.INSTRUCTIONS);
            assertThat(asked.get(1))
                    .startsWith("user: Lead:\n{")
                    .contains("\"job_title\":\"VP of Engineering\"")
                    .contains("\"notes\":\"asked for pricing twice this week\"");
        }
    }

    @Test
    void aResumedRunDoesNotAskTheModelAgain() {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer(ANSWER).answer("{\"score\": 5}");
            try (BasicflowTestKit kit =
                    Scripts.kit(Scripts.settings(server)).crashAt(StepMatcher.effectCompleted("AI SCORE LEAD"))) {
                ScriptRun run = kit.run("leads/resume.bas", "#workflow\n" + SCRIPT + "HEAR x\nTALK score.score\n");
                run.awaitMessages(4);
                run.input("go");
                run.awaitStatus(ExecutionStatus.COMPLETED);
                assertThat(kit.crashes()).isEqualTo(1);
                assertThat(run.messages()).last().isEqualTo("84");
            }
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void anAnswerWithoutAScoreFailsTheStepSayingSo() {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("{\"reasoning\": \"no idea\"}");
            List<String> said = Scripts.direct(SCRIPT, Scripts.settings(server));
            assertThat(said.getLast())
                    .startsWith("failed:")
                    .contains("AI SCORE LEAD")
                    .contains("no number for \"score\"");
        }
    }
}
