package io.basicflow.ai;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.ToolCallingHandler;
import io.basicflow.spi.ToolRound;
import io.basicflow.spi.ToolTurn;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code x = LLM prompt [WITH OPTIMIZE FOR goal] [WITH MAX_LATENCY ms] [WITH MAX_COST usd]}: one chat
 * call. The messages are the execution's system prompt (from {@code BEGIN SYSTEM PROMPT}), the best
 * passages of the knowledge bases in use (from {@code USE KB}) and the prompt. The answer is the
 * keyword's value; the engine records it in the step's completion event, so a resumed run reads it
 * from there and never asks again.
 *
 * <p>With active tools ({@code USE TOOL}), the tools are offered to the model; when it answers with
 * tool calls, the turn asks the engine to run them (each a durable child execution) and the next turn
 * sends the exchange so far ({@link ToolCalling}) until the model answers in words.
 */
final class LlmHandler implements ToolCallingHandler {

    private final ChatClient client;
    private final KnowledgeSource knowledge;

    LlmHandler(ChatClient client, KnowledgeSource knowledge) {
        this.client = client;
        this.knowledge = knowledge;
    }

    @Override
    public ToolTurn turn(Invocation invocation, List<ToolRound> rounds) throws KeywordException {
        InvocationContext context = invocation.context();
        AiSettings settings = new AiSettings(context.configuration());
        String prompt = invocation.argument("prompt").display();
        String baseUrl = settings.baseUrl();
        Optional<String> goal = text(invocation.argument("optimize"));
        Optional<String> requested = ModelRouting.requested(context, goal.map(LlmHandler::aliasOfGoal), prompt);
        String model = settings.model(requested);
        Duration timeout = settings.timeout();
        Value latency = invocation.argument("max_latency");
        if (!(latency instanceof NullValue)) {
            long millis = positive(latency, "MAX_LATENCY (milliseconds)");
            timeout = Duration.ofMillis(Math.min(millis, timeout.toMillis()));
        }
        Optional<Integer> maxTokens = Optional.empty();
        Value cost = invocation.argument("max_cost");
        Optional<Double> price = settings.pricePerMillionTokens();
        if (!(cost instanceof NullValue) && price.isPresent() && price.get() > 0) {
            double budget = number(cost, "MAX_COST (US dollars)");
            maxTokens = Optional.of((int) Math.max(1, Math.min(Integer.MAX_VALUE, budget / price.get() * 1_000_000)));
        }
        List<ChatMessage> messages = new ArrayList<>();
        StringBuilder system = new StringBuilder();
        context.executionValue(AiPlugin.SYSTEM_PROMPT_VALUE).map(Value::display).ifPresent(system::append);
        // SET CONTEXT "text" of the data plugin, earlier in this execution
        context.executionValueOf(AiPlugin.CONTEXT_PLUGIN, AiPlugin.CONTEXT_VALUE)
                .map(Value::display)
                .filter(text -> !text.isBlank())
                .ifPresent(text -> system.append(system.isEmpty() ? "" : "\n\n")
                        .append("Context of this conversation:\n")
                        .append(text));
        List<String> passages = knowledge.passages(context, prompt, settings.kbChunks());
        if (!passages.isEmpty()) {
            if (!system.isEmpty()) {
                system.append("\n\n");
            }
            system.append("Use these passages of the knowledge base when they answer the question:");
            for (String passage : passages) {
                system.append("\n---\n").append(passage);
            }
        }
        if (!system.isEmpty()) {
            messages.add(SystemMessage.from(system.toString()));
        }
        messages.add(UserMessage.from(prompt));
        ToolCalling.Offer offer = ToolCalling.offer(context);
        if (!offer.specifications().isEmpty() && rounds.size() >= settings.maxToolRounds()) {
            throw KeywordException.permanent("the model asked for tools " + rounds.size()
                    + " times for one LLM call without answering; the limit is basicflow.ai.max-tool-rounds="
                    + settings.maxToolRounds());
        }
        messages.addAll(ToolCalling.history(rounds));
        ChatResponse response =
                client.chat(baseUrl, settings.apiKey(), timeout, model, messages, maxTokens, offer.specifications());
        AiMessage reply = response.aiMessage();
        if (reply.hasToolExecutionRequests()) {
            return ToolCalling.calls(reply, offer);
        }
        String answer = reply.text() == null ? "" : reply.text();
        Reflection.record(context, prompt, answer); // kept for BOT REFLECTION INSIGHTS() while reflection is on
        return new ToolTurn.Answer(new TextValue(answer));
    }

    /** {@code OPTIMIZE FOR "cost"} and {@code "speed"} take the fast model, {@code "quality"} the quality one. */
    static String aliasOfGoal(String goal) {
        return switch (goal.strip().toLowerCase(Locale.ROOT)) {
            case "cost", "speed", "latency", "fast" -> "fast";
            case "quality" -> "quality";
            default -> goal.strip();
        };
    }

    private static Optional<String> text(Value value) {
        return value instanceof NullValue ? Optional.empty() : Optional.of(value.display());
    }

    private static long positive(Value value, String what) throws KeywordException {
        double number = number(value, what);
        if (number <= 0) {
            throw KeywordException.permanent(what + " must be more than 0, was " + value.display());
        }
        return (long) number;
    }

    private static double number(Value value, String what) throws KeywordException {
        if (value instanceof NumberValue number) {
            return number.toBigDecimal().doubleValue();
        }
        try {
            return Double.parseDouble(value.display().strip());
        } catch (NumberFormatException e) {
            throw KeywordException.permanent(what + " must be a number, was '" + value.display() + "'");
        }
    }
}
