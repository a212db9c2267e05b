package io.basicflow.engine.testing;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keywords for tests, with observable handlers:
 *
 * <ul>
 *   <li>{@code FETCH what, failures}: idempotent function; fails retryably the first {@code failures}
 *       attempts of a step (counted by idempotency key), then returns {@code "<what> after <n>
 *       attempt(s)"}. Retries 4 times in all, backoff 1 s doubling.
 *   <li>{@code BREAK reason}: always fails permanently.
 *   <li>{@code CHARGE amount}: at-most-once statement; records the charge.
 *   <li>{@code SHOUT text}: pure function, upper case.
 *   <li>{@code SEND MAIL to, subject, body}: records the mail.
 *   <li>{@code NOTE items…}: statement with a repeated parameter; records the list.
 * </ul>
 */
public final class TestPlugin implements KeywordPlugin {

    /** Every call of every handler: keyword, arguments, key, attempt. */
    public final List<Invocation> calls = new ArrayList<>();

    private final Consumer<String> log;

    /** A plugin that logs nothing. */
    public TestPlugin() {
        this(line -> {});
    }

    /**
     * A plugin that logs every call as {@code * KEYWORD {arguments} attempt n}.
     *
     * @param log where the lines go
     */
    public TestPlugin(Consumer<String> log) {
        this.log = log;
    }

    private void called(Invocation invocation) {
        calls.add(invocation);
        log.accept("* " + invocation.keyword() + " " + Json.write(new MapValue(invocation.arguments())) + " attempt "
                + invocation.attempt());
    }

    private final Map<String, Integer> failuresSeen = new HashMap<>();

    @Override
    public String name() {
        return "test";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(
                KeywordDefinition.builder("FETCH")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("what", "what to fetch"))
                        .parameter(ParameterDefinition.optional("failures", "how many attempts fail"))
                        .retry(new RetryPolicy(4, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10)))
                        .build(),
                KeywordDefinition.builder("BREAK")
                        .parameter(ParameterDefinition.required("reason", "the error"))
                        .build(),
                KeywordDefinition.builder("CHARGE")
                        .parameter(ParameterDefinition.required("amount", "the amount"))
                        .effect(EffectKind.AT_MOST_ONCE_EFFECT)
                        .retry(RetryPolicy.NONE)
                        .build(),
                KeywordDefinition.builder("SHOUT")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("text", "the text"))
                        .effect(EffectKind.PURE)
                        .build(),
                KeywordDefinition.builder("SEND MAIL")
                        .parameter(ParameterDefinition.required("to", "recipients"))
                        .parameter(ParameterDefinition.required("subject", "subject"))
                        .parameter(ParameterDefinition.required("body", "body"))
                        .build(),
                KeywordDefinition.builder("NOTE")
                        .parameter(ParameterDefinition.repeated("items", "the items"))
                        .build(),
                // The tools plugin's keywords, so that scripts using them compile; the interpreter
                // runs these statements itself.
                KeywordDefinition.builder("USE TOOL")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("tool", "the tool"))
                        .parameter(ParameterDefinition.repeated("arguments", "the arguments"))
                        .build(),
                KeywordDefinition.builder("ADD TOOL")
                        .parameter(ParameterDefinition.required("tool", "the tool"))
                        .build(),
                KeywordDefinition.builder("CLEAR TOOLS").build());
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        KeywordHandler handler = switch (keyword) {
            case "FETCH" -> this::fetch;
            case "BREAK" ->
                invocation -> {
                    called(invocation);
                    throw KeywordException.permanent(
                            invocation.argument("reason").display());
                };
            case "SHOUT" ->
                invocation -> {
                    called(invocation);
                    return new TextValue(invocation.argument("text").display().toUpperCase());
                };
            case "CHARGE", "SEND MAIL", "NOTE" ->
                invocation -> {
                    called(invocation);
                    return NullValue.NULL;
                };
            case "USE TOOL", "ADD TOOL", "CLEAR TOOLS" ->
                invocation -> {
                    throw new IllegalStateException("the interpreter runs " + keyword + " itself");
                };
            default -> null;
        };
        return Optional.ofNullable(handler);
    }

    private Value fetch(Invocation invocation) throws KeywordException {
        called(invocation);
        long failures =
                invocation.argument("failures") instanceof io.basicflow.spi.value.IntegerValue n ? n.value() : 0;
        int seen = failuresSeen.merge(invocation.idempotencyKey(), 1, Integer::sum);
        if (seen <= failures) {
            throw KeywordException.retryable("service unavailable (call " + seen + ")", null);
        }
        return new TextValue(invocation.argument("what").display() + " after " + invocation.attempt() + " attempt(s)");
    }
}
