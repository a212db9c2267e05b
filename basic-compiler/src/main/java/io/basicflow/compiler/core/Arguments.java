package io.basicflow.compiler.core;

import io.basicflow.compiler.evaluation.Values;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.Optional;

/** Argument coercions shared by the built-in functions; failures name the parameter and the value. */
final class Arguments {

    private Arguments() {}

    /**
     * A value as text: {@code NULL} is {@code ""}, numbers and booleans their display text.
     *
     * @throws IllegalArgumentException for a list or map
     */
    static String text(Value value, String parameter) {
        return switch (value) {
            case TextValue text -> text.value();
            case NullValue ignored -> "";
            case NumberValue number -> number.display();
            case BooleanValue bool -> bool.display();
            case ListValue ignored -> throw expected(parameter, "a text", value);
            case MapValue ignored -> throw expected(parameter, "a text", value);
        };
    }

    /**
     * A value as a number, by the arithmetic rules ({@code NULL} and blank text are 0).
     *
     * @throws IllegalArgumentException when it is not a number
     */
    static NumberValue number(Value value, String parameter) {
        Optional<NumberValue> number = Values.asNumber(value);
        if (number.isEmpty()) {
            throw expected(parameter, "a number", value);
        }
        return number.get();
    }

    /**
     * A value as a whole number in the {@code int} range.
     *
     * @throws IllegalArgumentException when it is not one
     */
    static int whole(Value value, String parameter) {
        NumberValue number = number(value, parameter);
        if (number instanceof IntegerValue integer
                && integer.value() >= Integer.MIN_VALUE
                && integer.value() <= Integer.MAX_VALUE) {
            return (int) integer.value();
        }
        throw expected(parameter, "a whole number", value);
    }

    /**
     * A value as a whole number of at least zero.
     *
     * @throws IllegalArgumentException when it is not one
     */
    static int count(Value value, String parameter) {
        int count = whole(value, parameter);
        if (count < 0) {
            throw new IllegalArgumentException(parameter + " must not be negative, but is " + count);
        }
        return count;
    }

    /**
     * A value as list elements: {@code NULL} is the empty list.
     *
     * @throws IllegalArgumentException for anything else
     */
    static List<Value> list(Value value, String parameter) {
        return switch (value) {
            case ListValue list -> list.elements();
            case NullValue ignored -> List.of();
            case BooleanValue ignored -> throw expected(parameter, "a list", value);
            case NumberValue ignored -> throw expected(parameter, "a list", value);
            case TextValue ignored -> throw expected(parameter, "a list", value);
            case MapValue ignored -> throw expected(parameter, "a list", value);
        };
    }

    static IllegalArgumentException expected(String parameter, String what, Value value) {
        return new IllegalArgumentException(parameter + " must be " + what + ", but is " + Values.describe(value));
    }

    /** The number of code points of a text: what a user counts as characters. */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The part of a text between two code point positions (clamped to the text). */
    static String codePoints(String text, int from, int to) {
        int length = length(text);
        int start = Math.max(0, Math.min(from, length));
        int end = Math.max(start, Math.min(to, length));
        int startIndex = text.offsetByCodePoints(0, start);
        return text.substring(startIndex, text.offsetByCodePoints(startIndex, end - start));
    }
}
