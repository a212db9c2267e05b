package io.basicflow.engine.interpreter;

import io.basicflow.compiler.evaluation.Values;
import io.basicflow.engine.api.ValueLimitException;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;

/**
 * The limits every value entering an execution from outside must keep — start variables, a tool's
 * arguments, a plugin's result — the same ones a value computed in a script keeps: at most {@link
 * Values#MAX_DIGITS} digits before or after the point, texts (and map keys) of at most {@link
 * Limits#maxTextLength()} characters, nesting of at most {@link Limits#maxValueDepth()}, and at most
 * {@link Limits#maxVariableBytes()} in all. A value outside them is refused before anything is
 * created or stored, so that, say, {@code 1e999999999} never becomes a gigabyte of text in a
 * {@code TALK}.
 */
public final class IncomingValues {

    private IncomingValues() {}

    /**
     * What is wrong with a value, if anything.
     *
     * @param value the value
     * @param limits the limits
     * @return a problem, naming where it is (a JSON pointer relative to the value) and the limit
     */
    public static Optional<Problem> problem(Value value, Limits limits) {
        ArrayDeque<Value> pending = new ArrayDeque<>();
        ArrayDeque<String> pointers = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        pending.push(value);
        pointers.push("");
        depths.push(0);
        long size = 0;
        while (!pending.isEmpty()) {
            Value next = pending.pop();
            String pointer = pointers.pop();
            int depth = depths.pop();
            if (depth > limits.maxValueDepth()) {
                return Optional.of(new Problem(
                        pointer,
                        "nests lists and maps deeper than the limit of " + limits.maxValueDepth() + " levels"));
            }
            switch (next) {
                case NullValue ignored -> size += 4;
                case BooleanValue ignored -> size += 5;
                case IntegerValue ignored -> size += 20;
                case DecimalValue number -> {
                    BigDecimal decimal = number.value();
                    if (decimal.signum() != 0
                            && ((long) decimal.precision() - decimal.scale() > Values.MAX_DIGITS
                                    || decimal.scale() > Values.MAX_DIGITS)) {
                        return Optional.of(new Problem(
                                pointer,
                                "is a number with more than " + Values.MAX_DIGITS
                                        + " digits before or after its point, the most a number may have"));
                    }
                    size += decimal.precision() + 2;
                }
                case TextValue text -> {
                    if (text.value().length() > limits.maxTextLength()) {
                        return Optional.of(new Problem(
                                pointer,
                                "is a text of " + text.value().length() + " characters, more than the limit of "
                                        + limits.maxTextLength()));
                    }
                    size += text.value().length() + 2;
                }
                case ListValue list -> {
                    size += 2 + list.elements().size();
                    for (int i = list.elements().size() - 1; i >= 0; i--) {
                        pending.push(list.elements().get(i));
                        pointers.push(pointer + "/" + i);
                        depths.push(depth + 1);
                    }
                }
                case MapValue map -> {
                    size += 2;
                    for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
                        String key = entry.getKey();
                        String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                        if (key.length() > limits.maxTextLength()) {
                            return Optional.of(new Problem(
                                    pointer,
                                    "has a key of " + key.length() + " characters, more than the limit of "
                                            + limits.maxTextLength()));
                        }
                        size += key.length() + 4;
                        pending.push(entry.getValue());
                        pointers.push(child);
                        depths.push(depth + 1);
                    }
                }
            }
            if (size > limits.maxVariableBytes()) {
                return Optional.of(new Problem(
                        "",
                        "is larger than the limit of " + limits.maxVariableBytes()
                                + " bytes for an execution's variables"));
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses start variables (or a child's arguments) that break a limit, alone or together.
     *
     * @param variables the variables by name
     * @param limits the limits
     * @throws ValueLimitException naming the variable ({@code /variables/<name>/…}) and the limit
     */
    public static void requireWithin(Map<String, Value> variables, Limits limits) {
        long total = 0;
        for (Map.Entry<String, Value> variable : variables.entrySet()) {
            String base = "/variables/" + variable.getKey().replace("~", "~0").replace("/", "~1");
            Optional<Problem> problem = problem(variable.getValue(), limits);
            if (problem.isPresent()) {
                throw new ValueLimitException(
                        base + problem.get().pointer(),
                        "start variable '" + variable.getKey() + "'"
                                + (problem.get().pointer().isEmpty()
                                        ? ""
                                        : " at " + problem.get().pointer()) + " "
                                + problem.get().message());
            }
            total += ValueSize.of(variable.getValue(), limits.maxVariableBytes() + 1, Integer.MAX_VALUE)
                    + variable.getKey().length()
                    + 4;
            if (total > limits.maxVariableBytes()) {
                throw new ValueLimitException(
                        "/variables",
                        "the start variables together are larger than the limit of " + limits.maxVariableBytes()
                                + " bytes for an execution's variables");
            }
        }
    }

    /**
     * One broken limit.
     *
     * @param pointer where in the value, as a JSON pointer ({@code ""} for the value itself)
     * @param message what is wrong, e.g. "is a text of 300000 characters, more than the limit of 262144"
     */
    public record Problem(String pointer, String message) {}
}
