package io.basicflow.testkit;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One finished call of a plugin's keyword handler, as the engine made it.
 *
 * @param keyword the keyword
 * @param executionId the execution that called it
 * @param idempotencyKey the step's key: the same for every attempt, before and after a crash
 * @param attempt 1 for the first call, then 2, 3, … on retries and after a crash
 * @param arguments the arguments by parameter name
 * @param result what the handler returned, when it returned
 * @param failure what the handler threw, when it threw
 */
public record EffectCall(
        String keyword,
        String executionId,
        String idempotencyKey,
        int attempt,
        Map<String, Value> arguments,
        Optional<Value> result,
        Optional<Throwable> failure) {

    /**
     * Validates and copies the parts.
     *
     * @param keyword not null
     * @param executionId not null
     * @param idempotencyKey not null
     * @param attempt at least 1
     * @param arguments not null
     * @param result not null
     * @param failure not null; exactly one of result and failure is present
     */
    public EffectCall {
        requireNonNull(keyword, "keyword is null");
        requireNonNull(executionId, "executionId is null");
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        requireNonNull(result, "result is null");
        requireNonNull(failure, "failure is null");
        if (result.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("an effect call has either a result or a failure");
        }
    }

    /**
     * An argument by parameter name.
     *
     * @param parameter the parameter
     * @return its value, {@code NULL} when absent
     */
    public Value argument(String parameter) {
        return arguments.getOrDefault(parameter, Value.nullValue());
    }
}
