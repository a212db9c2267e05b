package io.basicflow.ai;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How {@code ANSWER} answers, chosen by {@code SET ANSWER MODE "mode"} and kept as the execution value
 * {@code answer-mode} (durable like a variable): {@code default} asks the model with the system prompt,
 * the context and the knowledge bases, like {@code LLM}; {@code document} answers only from the
 * conversation's context text ({@code SET CONTEXT}); {@code sql} answers from the bot's tables through a
 * query plan the model writes and the data plugin checks and runs.
 */
enum AnswerMode {
    DEFAULT,
    DOCUMENT,
    SQL;

    /** {@code SET ANSWER MODE "mode"}. */
    static final String SET_ANSWER_MODE = "SET ANSWER MODE";

    static final String VALUE = "answer-mode";

    static final KeywordDefinition DEFINITION = KeywordDefinition.builder(SET_ANSWER_MODE)
            .parameter(ParameterDefinition.required("mode", "\"default\", \"document\" or \"sql\""))
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Chooses how this conversation's later ANSWER calls answer: \"default\" (the model with the"
                    + " system prompt, the context and the knowledge bases), \"document\" (only from the"
                    + " conversation's context text) or \"sql\" (from the bot's tables, through a checked query"
                    + " plan).")
            .build();

    /** The name scripts write. */
    String written() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A mode as a script writes it, any case. */
    static AnswerMode of(String written) throws KeywordException {
        String wanted = written.strip().toLowerCase(Locale.ROOT);
        for (AnswerMode mode : values()) {
            if (mode.written().equals(wanted)) {
                return mode;
            }
        }
        throw KeywordException.permanent("SET ANSWER MODE: there is no answer mode '" + written + "'; the modes are "
                + Arrays.stream(values())
                        .map(mode -> "\"" + mode.written() + "\"")
                        .collect(Collectors.joining(", ")));
    }

    /** The execution's mode: the last {@code SET ANSWER MODE}, {@link #DEFAULT} before any. */
    static AnswerMode of(InvocationContext context) throws KeywordException {
        Optional<Value> kept = context.executionValue(VALUE);
        return kept.isEmpty() || kept.get() instanceof NullValue
                ? DEFAULT
                : of(kept.get().display());
    }

    /** The handler of {@code SET ANSWER MODE}. */
    static Value set(Invocation invocation) throws KeywordException {
        AnswerMode mode = of(invocation.argument("mode").display());
        invocation.context().setExecutionValue(VALUE, mode == DEFAULT ? NullValue.NULL : new TextValue(mode.written()));
        return NullValue.NULL;
    }
}
