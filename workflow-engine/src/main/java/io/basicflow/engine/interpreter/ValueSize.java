package io.basicflow.engine.interpreter;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * Estimates the length of a value's JSON form, for the variables limit. Measuring stops once the
 * budget is passed, so a value that shares one list many times ({@code l = [l, l]} repeated) is
 * measured in bounded time although its JSON would be huge. No recursion: nesting depth is free.
 */
final class ValueSize {

    private ValueSize() {}

    /** What {@link #of} returns for a value nested deeper than allowed. */
    static final long TOO_DEEP = -1;

    /**
     * The estimated JSON length of a value.
     *
     * @param value the value
     * @param budget stop counting past this
     * @param maxDepth the deepest nesting of lists and maps allowed
     * @return the estimate, a number above the budget, or {@link #TOO_DEEP}
     */
    static long of(Value value, long budget, int maxDepth) {
        // Most values measured (every variable an event assigns) are scalars: no work lists for them.
        switch (value) {
            case NullValue ignored -> {
                return 4;
            }
            case BooleanValue bool -> {
                return bool.value() ? 4 : 5;
            }
            case IntegerValue number -> {
                return digits(number.value());
            }
            case DecimalValue number -> {
                return number.value().precision() + 2;
            }
            case TextValue text -> {
                return text.value().length() + 2;
            }
            case ListValue ignored -> {}
            case MapValue ignored -> {}
        }
        long total = 0;
        ArrayDeque<Value> pending = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        pending.push(value);
        depths.push(0);
        while (!pending.isEmpty() && total <= budget) {
            Value next = pending.pop();
            int depth = depths.pop();
            if (depth > maxDepth) {
                return TOO_DEEP;
            }
            switch (next) {
                case NullValue ignored -> total += 4;
                case BooleanValue bool -> total += bool.value() ? 4 : 5;
                case IntegerValue number -> total += digits(number.value());
                case DecimalValue number -> total += number.value().precision() + 2;
                case TextValue text -> total += text.value().length() + 2;
                case ListValue list -> {
                    total += 2 + list.elements().size();
                    for (Value element : list.elements()) {
                        pending.push(element);
                        depths.push(depth + 1);
                    }
                }
                case MapValue map -> {
                    total += 2;
                    for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
                        total += entry.getKey().length() + 4;
                        pending.push(entry.getValue());
                        depths.push(depth + 1);
                    }
                }
            }
        }
        return total;
    }

    private static int digits(long number) {
        if (number == Long.MIN_VALUE) {
            return 20;
        }
        long magnitude = Math.abs(number);
        int digits = number < 0 ? 2 : 1;
        while (magnitude >= 10) {
            magnitude /= 10;
            digits++;
        }
        return digits;
    }
}
