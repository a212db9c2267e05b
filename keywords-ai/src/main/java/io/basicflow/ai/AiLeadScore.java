package io.basicflow.ai;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code score = AI SCORE LEAD lead_data} (keywords-lead-scoring.md): the model reads the lead's data
 * and answers a score 0–100 with its confidence, its reasoning, the four categories of {@code SCORE
 * LEAD}'s breakdown and recommended next actions. The value has {@code SCORE LEAD}'s shape — {@code
 * score}, {@code grade}, {@code status}, {@code breakdown} (with {@code ai_confidence} and {@code
 * ai_reasoning}), {@code recommendations} — graded by the same thresholds (A ≥ 80, B ≥ 60, C ≥ 40, D ≥ 20;
 * hot at the leads plugin's {@code lead-score-qualification-threshold}, 70, warm ≥ 40, cold ≥ 15). The
 * answer is recorded with the step: a resumed run does not ask again.
 */
final class AiLeadScore implements KeywordHandler {

    static final String AI_SCORE_LEAD = "AI SCORE LEAD";

    static final KeywordDefinition DEFINITION = KeywordDefinition.builder(AI_SCORE_LEAD)
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.required(
                    "lead_data", "the lead: name, email, company, job_title, industry, company_size, notes, …"))
            .effect(EffectKind.IDEMPOTENT_EFFECT)
            .retry(AiPlugin.RETRY)
            .description("The model's score of a lead {score, grade, status, breakdown {…, ai_confidence,"
                    + " ai_reasoning}, recommendations}; recorded, not asked again on resume.")
            .build();

    static final String INSTRUCTIONS = "You score sales leads for a B2B sales team. Read the lead's data and"
            + " answer with one JSON object and nothing else: {\"score\": integer 0-100 (sales readiness),"
            + " \"confidence\": number 0-1, \"reasoning\": one or two sentences, \"demographic\": 0-100,"
            + " \"firmographic\": 0-100, \"behavioral\": 0-100, \"engagement\": 0-100, \"recommendations\":"
            + " [short next actions, most important first]}. Judge from the data given; do not invent facts.";

    private final ChatClient client;

    AiLeadScore(ChatClient client) {
        this.client = client;
    }

    @Override
    public Value invoke(Invocation invocation) throws KeywordException {
        Value lead = invocation.argument("lead_data");
        if (!(lead instanceof MapValue)) {
            throw KeywordException.permanent(AI_SCORE_LEAD + " needs the lead's data as a map (lead_data = NEW OBJECT,"
                    + " lead_data.email = …), not " + (lead instanceof NullValue ? "NULL" : lead.display()));
        }
        List<ChatMessage> messages =
                List.of(SystemMessage.from(INSTRUCTIONS), UserMessage.from("Lead:\n" + Json.write(lead)));
        String answer =
                client.answer(new AiSettings(invocation.context().configuration()), invocation.context(), messages);
        MapValue judged = RowExtraction.row(answer, List.of());
        int threshold = invocation.context().configurationOf("leads").getInt("lead-score-qualification-threshold", 70);
        return result(judged, threshold, answer);
    }

    /** The model's judgement in {@code SCORE LEAD}'s shape. */
    static MapValue result(MapValue judged, int threshold, String answer) throws KeywordException {
        Map<String, Value> fields = judged.entries();
        int score = Math.clamp(Math.round(number(fields.get("score"), "score", answer)), 0, 100);
        Map<String, Value> breakdown = new LinkedHashMap<>();
        for (String category : List.of("demographic", "firmographic", "behavioral", "engagement")) {
            Value value = fields.get(category);
            if (value instanceof NumberValue) {
                breakdown.put(category, Value.number(Math.clamp(Math.round(number(value, category, answer)), 0, 100)));
            }
        }
        Value confidence = fields.get("confidence");
        breakdown.put("ai_confidence", confidence instanceof NumberValue ? confidence : NullValue.NULL);
        breakdown.put(
                "ai_reasoning",
                Value.text(fields.getOrDefault("reasoning", Value.text("")).display()));
        Map<String, Value> result = new LinkedHashMap<>();
        result.put("score", Value.number(score));
        result.put(
                "grade",
                Value.text(score >= 80 ? "A" : score >= 60 ? "B" : score >= 40 ? "C" : score >= 20 ? "D" : "F"));
        result.put(
                "status",
                Value.text(score >= threshold ? "hot" : score >= 40 ? "warm" : score >= 15 ? "cold" : "unqualified"));
        result.put("breakdown", new MapValue(breakdown));
        Value recommendations = fields.get("recommendations");
        result.put(
                "recommendations",
                recommendations instanceof ListValue list
                        ? list
                        : recommendations == null ? new ListValue(List.of()) : new ListValue(List.of(recommendations)));
        result.put("scoring", Value.text("ai"));
        return new MapValue(result);
    }

    private static double number(Value value, String field, String answer) throws KeywordException {
        if (value instanceof NumberValue number) {
            return new BigDecimal(number.display()).doubleValue();
        }
        throw KeywordException.permanent(AI_SCORE_LEAD + ": the model's answer has no number for \"" + field
                + "\" (it answered: " + (answer.length() > 200 ? answer.substring(0, 200) + "…" : answer)
                + "); try a model that follows instructions better (USE MODEL)");
    }
}
