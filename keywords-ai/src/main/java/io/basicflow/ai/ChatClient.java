package io.basicflow.ai;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.basicflow.spi.KeywordException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls an OpenAI-compatible chat endpoint through LangChain4j's {@link OpenAiChatModel}, with no
 * retries of its own: the engine retries the step (with backoff, durably), so a failure is only
 * classified here — 429, 5xx, timeouts and connection failures are retryable, the rest are not.
 */
final class ChatClient {

    /** One model object per endpoint, key and timeout; they are thread-safe and hold the HTTP client. */
    private final ConcurrentHashMap<Endpoint, OpenAiChatModel> models = new ConcurrentHashMap<>();

    private record Endpoint(String baseUrl, String apiKey, Duration timeout) {}

    /**
     * Asks the configured endpoint for one answer in words, with no tools and no length limit: the
     * instruction-following calls ({@code ROW FROM UNSTRUCTURED}, {@code BOT REFLECTION INSIGHTS}).
     *
     * @param settings the AI settings (endpoint, key, timeout)
     * @param model the model's name
     * @param messages the system instructions and the prompt
     * @return the answer's text, empty when the model gave none
     */
    String answer(AiSettings settings, String model, List<ChatMessage> messages) throws KeywordException {
        String text = chat(
                        settings.baseUrl(),
                        settings.apiKey(),
                        settings.timeout(),
                        model,
                        messages,
                        Optional.empty(),
                        List.of())
                .aiMessage()
                .text();
        return text == null ? "" : text;
    }

    /**
     * Asks the model.
     *
     * @param maxOutputTokens a limit on the answer's length, if any
     * @return the response
     */
    ChatResponse chat(
            String baseUrl,
            String apiKey,
            Duration timeout,
            String model,
            List<ChatMessage> messages,
            Optional<Integer> maxOutputTokens,
            List<dev.langchain4j.agent.tool.ToolSpecification> tools)
            throws KeywordException {
        OpenAiChatModel chat = models.computeIfAbsent(
                new Endpoint(baseUrl, apiKey, timeout),
                endpoint -> OpenAiChatModel.builder()
                        .baseUrl(endpoint.baseUrl())
                        .apiKey(endpoint.apiKey())
                        .modelName(model)
                        .timeout(endpoint.timeout())
                        .maxRetries(0)
                        .logRequests(false)
                        .logResponses(false)
                        .build());
        ChatRequest.Builder request = ChatRequest.builder().messages(messages).modelName(model);
        maxOutputTokens.ifPresent(request::maxOutputTokens);
        if (!tools.isEmpty()) {
            request.toolSpecifications(tools);
        }
        try {
            return chat.chat(request.build());
        } catch (RuntimeException e) {
            throw classify(e, baseUrl, timeout);
        }
    }

    /**
     * One instruction-following call with no tools ({@code ROW FROM UNSTRUCTURED}, {@code CREATE SITE}): the
     * model the execution's routing picks for the prompt ({@code SET MODEL ROUTING}, {@code USE MODEL}) at
     * the configured endpoint; the answer's text, empty when the model gave none.
     */
    String answer(AiSettings settings, io.basicflow.spi.InvocationContext context, List<ChatMessage> messages)
            throws KeywordException {
        String prompt =
                messages.isEmpty() || !(messages.getLast() instanceof dev.langchain4j.data.message.UserMessage user)
                        ? ""
                        : user.singleText();
        return answer(settings, settings.model(ModelRouting.requested(context, Optional.empty(), prompt)), messages);
    }

    static KeywordException classify(RuntimeException e, String baseUrl, Duration timeout) {
        HttpException http = find(e, HttpException.class);
        if (http != null) {
            int status = http.statusCode();
            String body = shorten(http.getMessage());
            if (status == 429 || status >= 500) {
                return KeywordException.retryable(
                        "the model endpoint " + baseUrl + " answered HTTP " + status + ": " + body, e);
            }
            if (status == 401 || status == 403) {
                return KeywordException.permanent(
                        "the model endpoint " + baseUrl + " refused the key (HTTP " + status
                                + "): check basicflow.ai.api-key",
                        e);
            }
            return KeywordException.permanent(
                    "the model endpoint " + baseUrl + " rejected the request (HTTP " + status + "): " + body, e);
        }
        if (find(e, AuthenticationException.class) != null) {
            return KeywordException.permanent(
                    "the model endpoint " + baseUrl + " refused the key: check basicflow.ai.api-key", e);
        }
        if (find(e, HttpTimeoutException.class) != null
                || find(e, java.util.concurrent.TimeoutException.class) != null
                || find(e, dev.langchain4j.exception.TimeoutException.class) != null) {
            return KeywordException.retryable(
                    "the model endpoint " + baseUrl + " did not answer within " + timeout.toMillis() + " ms", e);
        }
        if (find(e, IOException.class) != null || find(e, RetriableException.class) != null) {
            return KeywordException.retryable(
                    "the model endpoint " + baseUrl + " could not be reached: " + shorten(rootMessage(e)), e);
        }
        return KeywordException.permanent("the model call failed: " + shorten(rootMessage(e)), e);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
