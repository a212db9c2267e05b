package io.basicflow.compiler.core;

import static io.basicflow.compiler.core.Arguments.number;
import static io.basicflow.compiler.core.Arguments.text;
import static io.basicflow.compiler.core.Arguments.whole;
import static io.basicflow.compiler.core.Functions.ANY;
import static io.basicflow.compiler.core.Functions.alias;
import static io.basicflow.compiler.core.Functions.define;

import io.basicflow.compiler.evaluation.EvaluationException;
import io.basicflow.compiler.evaluation.Evaluator;
import io.basicflow.compiler.evaluation.Values;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.PureFunction;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Number functions. Arguments count as numbers by the arithmetic rules: {@code NULL} and blank text
 * are 0, numeric text is its number. The aggregates ({@code SUM AVG MIN MAX}) take a list, a list of
 * maps and a field name, or several values, and skip {@code NULL}s.
 */
final class NumberFunctions {

    private static final Pattern LEADING_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,9})?");

    private NumberFunctions() {}

    static List<FunctionDefinition> definitions() {
        FunctionDefinition sqrt =
                define("SQRT", 1, 1, "SQRT(x): the square root, exact when it has at most 34 digits", (args, env) -> {
                    NumberValue x = number(args.get(0), "the number");
                    if (x.toBigDecimal().signum() < 0) {
                        throw new IllegalArgumentException(
                                "cannot take the square root of the negative number " + x.display());
                    }
                    return NumberValue.of(x.toBigDecimal().sqrt(Values.PRECISION));
                });
        FunctionDefinition ceiling = define(
                "CEILING",
                1,
                1,
                "CEILING(x): the smallest whole number not below x",
                (args, env) -> rounded(number(args.get(0), "the number"), 0, RoundingMode.CEILING));
        FunctionDefinition random = define(
                "RANDOM",
                0,
                2,
                "RANDOM(): a decimal in [0, 1); RANDOM(lowest, highest): a whole number in [lowest, highest]",
                NumberFunctions::random);
        FunctionDefinition isNumber = define(
                "ISNUMBER",
                1,
                1,
                "ISNUMBER(x): whether x is a number or a text holding one (\" 3.5 \"); blank text is not",
                (args, env) -> BooleanValue.of(
                        switch (args.get(0)) {
                            case NumberValue ignored -> true;
                            case TextValue text ->
                                Values.parseNumber(text.value()).isPresent();
                            default -> false;
                        }));
        FunctionDefinition str = define(
                "STR",
                1,
                1,
                "STR(x): the display text of x (numbers without trailing zeros, NULL as \"\", lists and"
                        + " maps as JSON)",
                (args, env) -> new TextValue(args.get(0).display()));
        return List.of(
                define(
                        "INT",
                        1,
                        1,
                        "INT(x): the greatest whole number not above x (INT(-2.5) = -3)",
                        (args, env) -> rounded(number(args.get(0), "the number"), 0, RoundingMode.FLOOR)),
                define(
                        "FIX",
                        1,
                        1,
                        "FIX(x): x without its fraction, toward zero (FIX(-2.5) = -2)",
                        (args, env) -> rounded(number(args.get(0), "the number"), 0, RoundingMode.DOWN)),
                define(
                        "FLOOR",
                        1,
                        1,
                        "FLOOR(x): the greatest whole number not above x",
                        (args, env) -> rounded(number(args.get(0), "the number"), 0, RoundingMode.FLOOR)),
                ceiling,
                alias("CEIL", ceiling),
                define(
                        "ROUND",
                        1,
                        2,
                        "ROUND(x[, digits]): x rounded to digits decimal places (default 0), halves away"
                                + " from zero (ROUND(2.5) = 3); negative digits round to tens, hundreds…",
                        (args, env) -> {
                            int digits = args.size() > 1 ? whole(args.get(1), "the number of digits") : 0;
                            if (Math.abs(digits) > 1000) {
                                throw new IllegalArgumentException(
                                        "the number of digits must be between -1000 and 1000, but is " + digits);
                            }
                            return rounded(number(args.get(0), "the number"), digits, RoundingMode.HALF_UP);
                        }),
                define("ABS", 1, 1, "ABS(x): the absolute value", (args, env) -> {
                    NumberValue x = number(args.get(0), "the number");
                    return x.toBigDecimal().signum() < 0 ? Values.negate(x) : x;
                }),
                sqrt,
                alias("SQR", sqrt),
                define(
                        "VAL",
                        1,
                        1,
                        "VAL(text): the number at the start of the text, ignoring leading white space"
                                + " (VAL(\"12 apples\") = 12); 0 when there is none",
                        NumberFunctions::val),
                str,
                alias("TOSTRING", str),
                isNumber,
                alias("ISNUMERIC", isNumber),
                random,
                define(
                        "RND",
                        0,
                        1,
                        "RND(): a decimal in [0, 1); an argument is accepted and ignored, as in BASIC",
                        (args, env) -> randomFraction(env.random())),
                define(
                        "MIN",
                        1,
                        ANY,
                        "MIN(a, b, …), MIN(list) or MIN(list of maps, field): the smallest value, NULLs"
                                + " skipped; NULL when there is none",
                        (args, env) -> extreme(args, -1)),
                define(
                        "MAX",
                        1,
                        ANY,
                        "MAX(a, b, …), MAX(list) or MAX(list of maps, field): the largest value, NULLs"
                                + " skipped; NULL when there is none",
                        (args, env) -> extreme(args, 1)),
                define(
                        "SUM",
                        1,
                        ANY,
                        "SUM(a, b, …), SUM(list) or SUM(list of maps, field): the exact sum, NULLs skipped",
                        (args, env) -> sum(collect(args))),
                define(
                        "AVG",
                        1,
                        ANY,
                        "AVG(a, b, …), AVG(list) or AVG(list of maps, field): the mean, NULLs skipped; NULL"
                                + " when there is no value",
                        (args, env) -> {
                            List<Value> values = collect(args);
                            return values.isEmpty()
                                    ? NullValue.NULL
                                    : Values.divide(sum(values), IntegerValue.of(values.size()));
                        }));
    }

    private static NumberValue rounded(NumberValue x, int digits, RoundingMode mode) {
        if (x instanceof IntegerValue && digits >= 0) {
            return x;
        }
        return NumberValue.of(x.toBigDecimal().setScale(digits, mode));
    }

    private static Value val(List<Value> args, PureFunction.Environment env) {
        Value value = args.get(0);
        if (value instanceof NumberValue number) {
            return number;
        }
        String text = text(value, "the text").strip();
        Matcher matcher = LEADING_NUMBER.matcher(text);
        if (!matcher.lookingAt()) {
            return IntegerValue.ZERO;
        }
        return Values.parseNumber(matcher.group()).orElse(IntegerValue.ZERO);
    }

    private static Value random(List<Value> args, PureFunction.Environment env) {
        if (args.isEmpty()) {
            return randomFraction(env.random());
        }
        if (args.size() == 1) {
            throw new IllegalArgumentException("RANDOM takes no argument or two (lowest, highest), not one");
        }
        NumberValue lowValue = number(args.get(0), "the lowest value");
        NumberValue highValue = number(args.get(1), "the highest value");
        if (!(lowValue instanceof IntegerValue low) || !(highValue instanceof IntegerValue high)) {
            throw new IllegalArgumentException(
                    "the bounds must be whole numbers, but are " + lowValue.display() + " and " + highValue.display());
        }
        if (low.value() > high.value()) {
            throw new IllegalArgumentException(
                    "the lowest value " + low.value() + " is above the highest " + high.value());
        }
        RandomGenerator random = env.random();
        if (high.value() < Long.MAX_VALUE) {
            return IntegerValue.of(random.nextLong(low.value(), high.value() + 1));
        }
        return IntegerValue.of(random.nextLong(low.value() - 1, high.value()) + 1);
    }

    private static Value randomFraction(RandomGenerator random) {
        return NumberValue.of(BigDecimal.valueOf(random.nextDouble()));
    }

    /** The values an aggregate runs over: list elements, a field of list elements, or the arguments. */
    private static List<Value> collect(List<Value> args) {
        List<Value> source;
        if (args.get(0) instanceof ListValue list && args.size() <= 2) {
            source = list.elements();
            if (args.size() == 2) {
                String field = text(args.get(1), "the field name");
                List<Value> fields = new ArrayList<>(source.size());
                for (Value element : source) {
                    fields.add(
                            element instanceof MapValue map ? map.find(field).orElse(NullValue.NULL) : NullValue.NULL);
                }
                source = fields;
            }
        } else if (args.size() == 1 && args.get(0) == NullValue.NULL) {
            source = List.of();
        } else {
            source = args;
        }
        List<Value> values = new ArrayList<>(source.size());
        for (Value value : source) {
            if (value != NullValue.NULL) {
                values.add(value);
            }
        }
        return values;
    }

    static NumberValue sum(List<Value> values) {
        NumberValue total = IntegerValue.ZERO;
        for (int i = 0; i < values.size(); i++) {
            total = Values.add(total, number(values.get(i), "value " + (i + 1)));
        }
        return total;
    }

    private static Value extreme(List<Value> args, int direction) {
        List<Value> values = collect(args);
        Value best = NullValue.NULL;
        for (Value value : values) {
            try {
                if (best == NullValue.NULL || Integer.signum(Evaluator.compare(value, best)) == direction) {
                    best = value;
                }
            } catch (EvaluationException e) {
                throw new IllegalArgumentException(e.problem(), e);
            }
        }
        return best;
    }
}
