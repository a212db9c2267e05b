package io.basicflow.compiler.core;

import static io.basicflow.compiler.core.Arguments.length;
import static io.basicflow.compiler.core.Arguments.text;
import static io.basicflow.compiler.core.Functions.ANY;
import static io.basicflow.compiler.core.Functions.alias;
import static io.basicflow.compiler.core.Functions.define;

import io.basicflow.compiler.evaluation.Evaluator;
import io.basicflow.compiler.evaluation.Values;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.PureFunction;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Functions on values in general: conditions, emptiness, lists and maps, identifiers, JSON. */
final class ValueFunctions {

    private ValueFunctions() {}

    static List<FunctionDefinition> definitions() {
        FunctionDefinition iif = define(
                "IIF",
                3,
                3,
                "IIF(condition, then, else): then when the condition is true, else otherwise; only the chosen"
                        + " branch is evaluated",
                Evaluator.CONDITIONAL);
        FunctionDefinition count = define(
                "UBOUND",
                1,
                1,
                "UBOUND(list): the number of elements (not the last index); 0 for NULL; the number of"
                        + " entries of a map",
                (args, env) -> IntegerValue.of(size(args.get(0), "the list")));
        FunctionDefinition len = define(
                "LEN",
                1,
                1,
                "LEN(x): the number of characters of a text (or of a number's display text), of"
                        + " elements of a list, of entries of a map; 0 for NULL",
                (args, env) -> IntegerValue.of(
                        switch (args.get(0)) {
                            case ListValue list -> list.elements().size();
                            case MapValue map -> map.entries().size();
                            case NullValue ignored -> 0;
                            case TextValue text -> length(text.value());
                            case NumberValue number -> number.display().length();
                            case BooleanValue bool -> bool.display().length();
                        }));
        FunctionDefinition uuid = define(
                "UUID",
                0,
                0,
                "UUID(): a new random UUID (version 4) in lower case",
                (args, env) -> new TextValue(uuid(env.random()).toString()));
        FunctionDefinition json = define(
                "TOJSON",
                1,
                1,
                "TOJSON(x): x as compact JSON text (a text becomes a quoted JSON string)",
                (args, env) -> new TextValue(Json.write(args.get(0))));
        return List.of(
                iif,
                alias("IF", iif),
                define(
                        "ISEMPTY",
                        1,
                        1,
                        "ISEMPTY(x): whether x is NULL, a blank text, or an empty list or map (0 and FALSE"
                                + " are values, not empty)",
                        (args, env) -> BooleanValue.of(
                                switch (args.get(0)) {
                                    case NullValue ignored -> true;
                                    case TextValue text -> text.value().isBlank();
                                    case ListValue list -> list.elements().isEmpty();
                                    case MapValue map -> map.entries().isEmpty();
                                    case NumberValue ignored -> false;
                                    case BooleanValue ignored -> false;
                                })),
                define(
                        "ISNULL",
                        1,
                        2,
                        "ISNULL(x): whether x is NULL; ISNULL(x, fallback): x, or fallback when x is NULL",
                        (args, env) -> args.size() == 1
                                ? BooleanValue.of(args.get(0) == NullValue.NULL)
                                : args.get(0) == NullValue.NULL ? args.get(1) : args.get(0)),
                define(
                        "COALESCE",
                        1,
                        ANY,
                        "COALESCE(a, b, …): the first argument that is not NULL; NULL when all are",
                        (args, env) -> args.stream()
                                .filter(value -> value != NullValue.NULL)
                                .findFirst()
                                .orElse(NullValue.NULL)),
                count,
                alias("COUNT", count),
                len,
                alias("LENGTH", len),
                define(
                        "JOIN",
                        1,
                        2,
                        "JOIN(list[, separator]): the display texts of the elements joined by separator"
                                + " (default \", \")",
                        ValueFunctions::join),
                define(
                        "FIRST",
                        1,
                        2,
                        "FIRST(list[, field]): the first element (or its field); NULL for an empty list; FIRST(text): its"
                                + " first word",
                        (args, env) -> element(args, true)),
                define(
                        "LAST",
                        1,
                        2,
                        "LAST(list[, field]): the last element (or its field); NULL for an empty list; LAST(text): its"
                                + " last word",
                        (args, env) -> element(args, false)),
                uuid,
                alias("GUID", uuid),
                json,
                alias("JSON", json));
    }

    private static int size(Value value, String parameter) {
        return switch (value) {
            case ListValue list -> list.elements().size();
            case MapValue map -> map.entries().size();
            case NullValue ignored -> 0;
            case TextValue ignored -> throw Arguments.expected(parameter, "a list", value);
            case NumberValue ignored -> throw Arguments.expected(parameter, "a list", value);
            case BooleanValue ignored -> throw Arguments.expected(parameter, "a list", value);
        };
    }

    private static Value join(List<Value> args, PureFunction.Environment env) {
        List<Value> elements = Arguments.list(args.get(0), "the list");
        String separator = args.size() > 1 ? text(args.get(1), "the separator") : ", ";
        StringJoiner joined = new StringJoiner(separator);
        for (Value element : elements) {
            joined.add(element.display());
        }
        return new TextValue(joined.toString());
    }

    private static Value element(List<Value> args, boolean first) {
        if (args.size() == 1 && args.get(0) instanceof TextValue text) {
            // FIRST "search books": the first word of a text (LAST: the last word)
            String[] words = text.value().strip().split("\\s+");
            return new TextValue(words.length == 0 ? "" : first ? words[0] : words[words.length - 1]);
        }
        List<Value> elements = Arguments.list(args.get(0), "the list");
        if (elements.isEmpty()) {
            return NullValue.NULL;
        }
        Value element = first ? elements.getFirst() : elements.getLast();
        if (args.size() == 1) {
            return element;
        }
        String field = text(args.get(1), "the field name");
        if (element instanceof MapValue map) {
            return map.find(field).orElse(NullValue.NULL);
        }
        if (element == NullValue.NULL) {
            return NullValue.NULL;
        }
        throw new IllegalArgumentException("the elements must be maps to read the field \"" + field + "\", but one is "
                + Values.describe(element));
    }

    /** A version 4 UUID from the given generator, so that a seeded generator gives repeatable ids. */
    static UUID uuid(RandomGenerator random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }
}
