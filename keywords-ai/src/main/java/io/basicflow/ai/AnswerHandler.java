package io.basicflow.ai;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.ToolCallingHandler;
import io.basicflow.spi.ToolRound;
import io.basicflow.spi.ToolTurn;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.Optional;

/**
 * {@code result = ANSWER "question"}: answers by the execution's {@link AnswerMode}. In {@code default}
 * mode it is an {@code LLM} call (with its tools when tools are active); in {@code document} mode the
 * model answers only from the conversation's context text; in {@code sql} mode from the bot's tables
 * ({@link SqlAnswers}). Whatever the mode, the answer is recorded with the step: a resumed run reads it
 * and does not ask again.
 */
final class AnswerHandler implements ToolCallingHandler {

    /** {@code result = ANSWER "question"}. */
    static final String ANSWER = "ANSWER";

    /** What a model answers in document mode when the document does not hold the answer. */
    static final String NOT_IN_DOCUMENT = "NOT_IN_DOCUMENT";

    /** The default of {@code basicflow.ai.answer-not-found}. */
    static final String DEFAULT_NOT_FOUND = "The document does not answer that question.";

    static final String DOCUMENT_INSTRUCTIONS = "Answer the question only from the document below, never from what"
            + " you know otherwise. If the document does not contain the answer, reply with exactly "
            + NOT_IN_DOCUMENT + " and nothing else.";

    static final KeywordDefinition DEFINITION = KeywordDefinition.builder(ANSWER)
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.required("prompt", "the question"))
            .effect(EffectKind.IDEMPOTENT_EFFECT)
            .retry(AiPlugin.RETRY)
            .description("Answers a question by the conversation's answer mode (SET ANSWER MODE): the model as with"
                    + " LLM, only the conversation's context document, or the bot's tables through a query plan"
                    + " the model writes and the data plugin checks and runs read-only. The answer is recorded: a"
                    + " resumed run does not ask again.")
            .build();

    private final LlmHandler llm;
    private final ChatClient client;
    private final SqlAnswers sql;

    AnswerHandler(LlmHandler llm, ChatClient client, SqlAnswers sql) {
        this.llm = llm;
        this.client = client;
        this.sql = sql;
    }

    @Override
    public ToolTurn turn(Invocation invocation, List<ToolRound> rounds) throws KeywordException {
        return switch (AnswerMode.of(invocation.context())) {
            case DEFAULT -> llm.turn(invocation, rounds);
            case DOCUMENT -> new ToolTurn.Answer(document(invocation));
            case SQL -> new ToolTurn.Answer(sql.answer(invocation));
        };
    }

    private Value document(Invocation invocation) throws KeywordException {
        InvocationContext context = invocation.context();
        AiSettings settings = new AiSettings(context.configuration());
        String question = invocation.argument("prompt").display();
        String document = context.executionValueOf(AiPlugin.CONTEXT_PLUGIN, AiPlugin.CONTEXT_VALUE)
                .map(Value::display)
                .filter(text -> !text.isBlank())
                .orElseThrow(() -> KeywordException.permanent("ANSWER in document mode answers from the"
                        + " conversation's context, and none is set: SET CONTEXT \"the document's text\" first"));
        StringBuilder system = new StringBuilder();
        context.executionValue(AiPlugin.SYSTEM_PROMPT_VALUE)
                .map(Value::display)
                .filter(text -> !text.isBlank())
                .ifPresent(text -> system.append(text).append("\n\n"));
        system.append(DOCUMENT_INSTRUCTIONS).append("\n\nDocument:\n").append(document);
        List<ChatMessage> messages = List.of(SystemMessage.from(system.toString()), UserMessage.from(question));
        String model = settings.model(ModelRouting.requested(context, Optional.empty(), question));
        String answer = client.answer(settings, model, messages).strip();
        if (answer.isEmpty() || answer.contains(NOT_IN_DOCUMENT)) {
            return new TextValue(settings.answerNotFound());
        }
        return new TextValue(answer);
    }
}
