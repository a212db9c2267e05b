package io.basicflow.ai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * General Bots' {@code BOT REFLECTION} family (keyword-bot-reflection.md): the bot's self-analysis by
 * the language model.
 *
 * <ul>
 *   <li>{@code BOT REFLECTION true|false} turns it on or off for the running execution;
 *   <li>{@code BOT REFLECTION ON "metric"} turns it on and adds a metric to analyse;
 *   <li>{@code insights = BOT REFLECTION INSIGHTS()} asks the model to analyse the exchanges recorded
 *       so far and gives its analysis as a map ({@code qualityScore}, {@code summary}, {@code issues},
 *       {@code issuesCount}, {@code suggestions}, {@code criticalIssues}, {@code metrics}, one entry per
 *       metric in camel case, {@code conversationId}, {@code timestamp}, {@code messagesAnalyzed}).
 * </ul>
 *
 * <p>What is analysed: while reflection is on, every {@code LLM} call of the execution records its
 * prompt and the model's answer (the last {@link #KEPT} exchanges, each text cut at {@link #TEXT_LIMIT}
 * characters) as this plugin's execution value {@code reflection-exchanges}, recorded with the LLM
 * step. Everything is kept per execution, so it survives a crash like a variable; the analysis itself is
 * an idempotent effect whose answer the engine records, so a resumed run never asks again.
 */
final class Reflection {

    /** {@code BOT REFLECTION enabled}. */
    static final String REFLECTION = "BOT REFLECTION";
    /** {@code BOT REFLECTION ON "metric"}. */
    static final String REFLECTION_ON = "BOT REFLECTION ON";
    /** {@code BOT REFLECTION INSIGHTS()}. */
    static final String INSIGHTS = "BOT REFLECTION INSIGHTS";

    static final String ENABLED_VALUE = "reflection";
    static final String METRICS_VALUE = "reflection-metrics";
    static final String EXCHANGES_VALUE = "reflection-exchanges";

    /** How many exchanges are kept for the analysis (the latest). */
    static final int KEPT = 20;
    /** How many characters of a prompt or an answer are kept. */
    static final int TEXT_LIMIT = 2_000;

    /** The reference's metrics, analysed when the script names none. */
    static final List<String> STANDARD_METRICS = List.of(
            "conversation_quality",
            "response_accuracy",
            "user_satisfaction",
            "tone_appropriateness",
            "resolution_rate");

    private static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    static final String INSTRUCTIONS = "You review a chatbot's conversation to help its authors improve it."
            + " Answer with one JSON object and nothing else: no prose, no code fence. Its keys:"
            + " \"qualityScore\" (a number from 0 to 1, the conversation's overall quality),"
            + " \"summary\" (two or three sentences), \"issues\" (a list of short texts, the problems you found:"
            + " misunderstandings, incomplete or wrong answers, signs of user frustration),"
            + " \"criticalIssues\" (how many of those issues are serious), \"suggestions\" (a list of short texts,"
            + " concrete improvements of the bot's answers, prompts or tools), and \"metrics\" (an object with a"
            + " score from 0 to 1 for each metric asked for).";

    static final KeywordDefinition REFLECTION_DEFINITION = KeywordDefinition.builder(REFLECTION)
            .parameter(ParameterDefinition.required("enabled", "true to analyse this conversation, false to stop"))
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Turns the bot's self-analysis on or off for this execution: while on, every LLM exchange"
                    + " is kept for BOT REFLECTION INSIGHTS().")
            .build();

    static final KeywordDefinition REFLECTION_ON_DEFINITION = KeywordDefinition.builder(REFLECTION_ON)
            .parameter(ParameterDefinition.required(
                    "metric", "a metric to analyse, such as \"conversation_quality\" or \"response_accuracy\""))
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Turns the self-analysis on and adds a metric for BOT REFLECTION INSIGHTS() to score.")
            .build();

    static final KeywordDefinition INSIGHTS_DEFINITION = KeywordDefinition.builder(INSIGHTS)
            .form(KeywordForm.FUNCTION)
            .effect(EffectKind.IDEMPOTENT_EFFECT)
            .retry(AiPlugin.RETRY)
            .description("Asks the model to analyse this conversation's LLM exchanges since BOT REFLECTION was turned"
                    + " on; gives qualityScore, summary, issues, suggestions, metrics … (\"\" when there is"
                    + " nothing to analyse). The answer is recorded: a resumed run does not ask again.")
            .build();

    private final ChatClient client;

    Reflection(ChatClient client) {
        this.client = client;
    }

    /** The three keywords' handlers. */
    Map<String, KeywordHandler> handlers() {
        return Map.of(REFLECTION, Reflection::enable, REFLECTION_ON, Reflection::metric, INSIGHTS, this::insights);
    }

    private static Value enable(Invocation invocation) throws KeywordException {
        Value enabled = invocation.argument("enabled");
        boolean on;
        if (enabled instanceof BooleanValue b) {
            on = b.isTruthy();
        } else {
            on = switch (enabled.display().strip().toLowerCase(Locale.ROOT)) {
                case "true", "on", "yes", "1" -> true;
                case "false", "off", "no", "0" -> false;
                default ->
                    throw KeywordException.permanent("BOT REFLECTION takes true or false, such as BOT REFLECTION"
                            + " true (or BOT REFLECTION ON \"conversation_quality\" for a metric); got '"
                            + enabled.display() + "'");
            };
        }
        invocation.context().setExecutionValue(ENABLED_VALUE, on ? BooleanValue.TRUE : BooleanValue.FALSE);
        return NullValue.NULL;
    }

    private static Value metric(Invocation invocation) throws KeywordException {
        String metric = invocation.argument("metric").display().strip().toLowerCase(Locale.ROOT);
        if (!METRIC.matcher(metric).matches()) {
            throw KeywordException.permanent("BOT REFLECTION ON needs a metric name of letters, digits and underscores,"
                    + " such as \"conversation_quality\", \"response_accuracy\", \"user_satisfaction\"; got '"
                    + invocation.argument("metric").display() + "'");
        }
        InvocationContext context = invocation.context();
        List<Value> metrics = new ArrayList<>(
                metrics(context).stream().map(m -> (Value) new TextValue(m)).toList());
        if (!metrics.contains(new TextValue(metric))) {
            metrics.add(new TextValue(metric));
        }
        context.setExecutionValue(METRICS_VALUE, new ListValue(metrics));
        context.setExecutionValue(ENABLED_VALUE, BooleanValue.TRUE);
        return NullValue.NULL;
    }

    /** Whether reflection is on for the running execution (and not turned off by configuration). */
    static boolean on(InvocationContext context) {
        return enabledByConfiguration(context)
                && context.executionValue(ENABLED_VALUE).map(Value::isTruthy).orElse(false);
    }

    private static boolean enabledByConfiguration(InvocationContext context) {
        return !new AiSettings(context.configuration())
                .value("reflection-enabled")
                .map(v -> v.strip().equalsIgnoreCase("false"))
                .orElse(false);
    }

    /**
     * Keeps an LLM exchange for the analysis when reflection is on ({@link LlmHandler} calls this with
     * each answer).
     *
     * @param context the LLM step's context
     * @param prompt what the model was asked
     * @param answer what it answered
     */
    static void record(InvocationContext context, String prompt, String answer) {
        if (!on(context)) {
            return;
        }
        List<Value> exchanges = new ArrayList<>(exchanges(context));
        exchanges.add(new MapValue(Map.of("prompt", new TextValue(cut(prompt)), "answer", new TextValue(cut(answer)))));
        while (exchanges.size() > KEPT) {
            exchanges.remove(0);
        }
        context.setExecutionValue(EXCHANGES_VALUE, new ListValue(exchanges));
    }

    private Value insights(Invocation invocation) throws KeywordException {
        InvocationContext context = invocation.context();
        AiSettings settings = new AiSettings(context.configuration());
        List<Value> exchanges = exchanges(context);
        int minimum = context.configuration().getInt("reflection-min-messages", 3);
        if (!on(context) || exchanges.size() * 2 < minimum) {
            return new TextValue("");
        }
        List<String> metrics = metrics(context);
        if (metrics.isEmpty()) {
            metrics = STANDARD_METRICS;
        }
        StringBuilder prompt = new StringBuilder("Metrics to score: ")
                .append(String.join(", ", metrics))
                .append("\n\nConversation (the user's messages and the bot's answers, oldest first):\n");
        for (Value exchange : exchanges) {
            MapValue map = (MapValue) exchange;
            prompt.append("\nUser: ")
                    .append(map.find("prompt").orElse(NullValue.NULL).display());
            prompt.append("\nBot: ")
                    .append(map.find("answer").orElse(NullValue.NULL).display())
                    .append('\n');
        }
        List<ChatMessage> messages = List.of(SystemMessage.from(INSTRUCTIONS), UserMessage.from(prompt.toString()));
        String model = settings.model(settings.value("reflection-model")
                .or(() -> context.executionValue(AiPlugin.MODEL_VALUE).map(Value::display)));
        String answer = client.answer(settings, model, messages);
        String conversation = context.scope().map(ExecutionScope::conversation).orElse("");
        return analysis(
                answer,
                metrics,
                exchanges.size() * 2,
                conversation,
                context.clock().instant().toString());
    }

    /**
     * The model's answer as the insights map.
     *
     * @param answer the model's text (a JSON object, possibly fenced)
     * @param metrics the metrics asked for
     * @param messages how many messages were analysed
     * @param conversation the conversation's id
     * @param timestamp when the analysis was made
     * @return the map
     * @throws KeywordException when the answer is not the JSON object asked for
     */
    static MapValue analysis(String answer, List<String> metrics, int messages, String conversation, String timestamp)
            throws KeywordException {
        JsonNode node = object(answer);
        Optional<BigDecimal> quality = node == null ? Optional.empty() : score(node.get("qualityScore"));
        if (quality.isEmpty()) {
            throw KeywordException.permanent("the model did not answer with the JSON analysis"
                    + " asked for (a qualityScore from 0 to 1 is missing; it answered: " + shorten(answer)
                    + "); try a model that follows instructions better (basicflow.ai.reflection-model)");
        }
        List<Value> issues = texts(node.get("issues"));
        List<Value> suggestions = texts(node.get("suggestions"));
        Map<String, Value> scores = new LinkedHashMap<>();
        JsonNode given = node.path("metrics");
        for (String metric : metrics) {
            JsonNode score = given.isObject() ? given.get(metric) : null;
            if (score == null && given.isObject()) {
                score = given.get(camel(metric));
            }
            scores.put(metric, score(score).<Value>map(NumberValue::of).orElse(NullValue.NULL));
        }
        long critical = node.path("criticalIssues").isNumber()
                ? Math.max(
                        0, Math.min(issues.size(), node.path("criticalIssues").asLong()))
                : 0;
        Map<String, Value> insights = new LinkedHashMap<>();
        insights.put("qualityScore", NumberValue.of(quality.get()));
        insights.put(
                "summary",
                new TextValue(
                        node.path("summary").isTextual() ? node.path("summary").asText() : ""));
        insights.put("issues", new ListValue(issues));
        insights.put("issuesCount", NumberValue.of(issues.size()));
        insights.put("suggestions", new ListValue(suggestions));
        insights.put("criticalIssues", NumberValue.of(critical));
        insights.put("metrics", new MapValue(scores));
        scores.forEach((metric, score) -> insights.putIfAbsent(camel(metric), score));
        insights.put("conversationId", new TextValue(conversation));
        insights.put("timestamp", new TextValue(timestamp));
        insights.put("messagesAnalyzed", NumberValue.of(messages));
        return new MapValue(insights);
    }

    private static JsonNode object(String answer) {
        return ModelJson.objectIn(answer).orElse(null);
    }

    /** A score from 0 to 1: a number (a percentage above 1 is divided by 100), clamped. */
    private static Optional<BigDecimal> score(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return Optional.empty();
        }
        BigDecimal value = node.decimalValue();
        if (value.compareTo(BigDecimal.ONE) > 0) {
            value = value.movePointLeft(2);
        }
        return Optional.of(value.max(BigDecimal.ZERO).min(BigDecimal.ONE).stripTrailingZeros());
    }

    /** A list of texts: strings as they are, objects by their text/description entry. */
    private static List<Value> texts(JsonNode node) {
        List<Value> texts = new ArrayList<>();
        if (node == null || !node.isArray()) {
            return texts;
        }
        for (JsonNode element : node) {
            String text = element.isTextual()
                    ? element.asText()
                    : element.path("text").isTextual()
                            ? element.path("text").asText()
                            : element.path("description").isTextual()
                                    ? element.path("description").asText()
                                    : element.toString();
            if (!text.isBlank()) {
                texts.add(new TextValue(text.strip()));
            }
        }
        return texts;
    }

    /** {@code response_accuracy} → {@code responseAccuracy}. */
    static String camel(String metric) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : metric.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static List<String> metrics(InvocationContext context) {
        return context.executionValue(METRICS_VALUE)
                .filter(ListValue.class::isInstance)
                .map(v ->
                        ((ListValue) v).elements().stream().map(Value::display).toList())
                .orElse(List.of());
    }

    private static List<Value> exchanges(InvocationContext context) {
        return context.executionValue(EXCHANGES_VALUE)
                .filter(ListValue.class::isInstance)
                .map(v -> ((ListValue) v)
                        .elements().stream().filter(MapValue.class::isInstance).toList())
                .orElse(List.of());
    }

    private static String cut(String text) {
        return text.length() > TEXT_LIMIT ? text.substring(0, TEXT_LIMIT) + "…" : text;
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
