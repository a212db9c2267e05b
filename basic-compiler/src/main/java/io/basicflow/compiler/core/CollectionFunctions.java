package io.basicflow.compiler.core;

import static io.basicflow.compiler.core.Arguments.text;
import static io.basicflow.compiler.core.Functions.ANY;
import static io.basicflow.compiler.core.Functions.alias;
import static io.basicflow.compiler.core.Functions.define;

import io.basicflow.compiler.evaluation.Evaluator;
import io.basicflow.compiler.evaluation.Values;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pure functions on in-memory lists and maps ({@code PUSH SLICE SORT FILTER MAP NVL TYPEOF …}). They
 * never change their argument: {@code PUSH(list, x)} gives a new list, and the statement forms
 * ({@code PUSH list, x}, {@code list.PUSH(x)}) assign that new list back to the variable. Names that
 * a data plugin also declares as a keyword on tables ({@code FILTER}, {@code MAP}, {@code AGGREGATE},
 * …) are the plugin's when it is installed: the catalogue lets a plugin keyword replace a core
 * function of the same name.
 */
final class CollectionFunctions {

    private CollectionFunctions() {}

    static List<FunctionDefinition> definitions() {
        FunctionDefinition push = define(
                "PUSH",
                2,
                ANY,
                "PUSH(list, x, …): a new list with the values added at the end (NULL counts as an empty list);"
                        + " the statement PUSH list, x assigns it back",
                (args, env) -> {
                    List<Value> out = new ArrayList<>(list(args.get(0), "the list of PUSH"));
                    out.addAll(args.subList(1, args.size()));
                    return new ListValue(out);
                });
        FunctionDefinition unshift = define(
                "UNSHIFT",
                2,
                ANY,
                "UNSHIFT(list, x, …): a new list with the values added at the start",
                (args, env) -> {
                    List<Value> out = new ArrayList<>(args.subList(1, args.size()));
                    out.addAll(list(args.get(0), "the list of UNSHIFT"));
                    return new ListValue(out);
                });
        FunctionDefinition unique = define(
                "UNIQUE",
                1,
                1,
                "UNIQUE(list): the list without repeated elements (compared as = compares), first ones kept",
                (args, env) -> {
                    List<Value> out = new ArrayList<>();
                    for (Value element : list(args.get(0), "the list of UNIQUE")) {
                        if (out.stream().noneMatch(kept -> Evaluator.equal(kept, element))) {
                            out.add(element);
                        }
                    }
                    return new ListValue(out);
                });
        FunctionDefinition nvl = define(
                "NVL",
                2,
                2,
                "NVL(x, fallback): x, or fallback when x is NULL",
                (args, env) -> args.get(0) == NullValue.NULL ? args.get(1) : args.get(0));
        return List.of(
                define("ARRAY", 0, ANY, "ARRAY(a, b, …): a list of the arguments", (args, env) -> new ListValue(args)),
                push,
                alias("APPEND", push),
                unshift,
                alias("PREPEND", unshift),
                define(
                        "POP",
                        1,
                        1,
                        "POP(list): the last element, NULL for an empty list; x = POP(list) also removes it from"
                                + " the variable list",
                        (args, env) -> {
                            List<Value> elements = list(args.get(0), "the list of POP");
                            return elements.isEmpty() ? NullValue.NULL : elements.getLast();
                        }),
                define(
                        "SHIFT",
                        1,
                        1,
                        "SHIFT(list): the first element, NULL for an empty list; x = SHIFT(list) also removes it"
                                + " from the variable list",
                        (args, env) -> {
                            List<Value> elements = list(args.get(0), "the list of SHIFT");
                            return elements.isEmpty() ? NullValue.NULL : elements.getFirst();
                        }),
                define(
                        "SLICE",
                        2,
                        3,
                        "SLICE(list, start[, end]): the elements from position start (0-based) up to, not"
                                + " including, end; a negative position counts from the end; also on text",
                        CollectionFunctions::slice),
                define(
                        "REVERSE",
                        1,
                        1,
                        "REVERSE(list): the elements in reverse order; REVERSE(text): the characters reversed",
                        (args, env) -> {
                            if (args.get(0) instanceof TextValue text) {
                                return new TextValue(new StringBuilder(text.value())
                                        .reverse()
                                        .toString());
                            }
                            List<Value> out = new ArrayList<>(list(args.get(0), "the list of REVERSE"));
                            return new ListValue(out.reversed());
                        }),
                define(
                        "SORT",
                        1,
                        3,
                        "SORT(list[, field][, \"DESC\"]): the list in ascending order (numbers by value, texts"
                                + " character by character, NULL first); with a field, maps by that field;"
                                + " \"DESC\" for descending; the sort is stable",
                        CollectionFunctions::sort),
                unique,
                alias("DISTINCT", unique),
                define(
                        "FILTER",
                        2,
                        3,
                        "FILTER(list, condition[, names]): the elements for which the condition, a text, holds;"
                                + " in it item is the element and a map element's fields are names (\"item.total >"
                                + " 1000\", \"status = 'open'\", \"amount>1000\"); other names are looked up in"
                                + " the map names (FILTER list WHERE … passes the script's variables)",
                        (args, env) -> {
                            List<Value> out = new ArrayList<>();
                            ItemExpression condition = ItemExpression.of(text(args.get(1), "the condition of FILTER"));
                            Map<String, Value> names = names(args, "FILTER");
                            for (Value element : list(args.get(0), "the list of FILTER")) {
                                if (condition.evaluate(element, env, names).isTruthy()) {
                                    out.add(element);
                                }
                            }
                            return new ListValue(out);
                        }),
                define(
                        "MAP",
                        2,
                        3,
                        "MAP(list, expression[, names]): each element transformed: a field name (\"name\") takes"
                                + " that field of map elements, otherwise the text is an expression of item"
                                + " (\"item * 1.1\"); other names are looked up in the map names",
                        (args, env) -> {
                            String expression = text(args.get(1), "the expression of MAP");
                            List<Value> elements = list(args.get(0), "the list of MAP");
                            List<Value> out = new ArrayList<>(elements.size());
                            if (ItemExpression.isFieldName(expression)) {
                                for (Value element : elements) {
                                    out.add(field(element, expression.strip()));
                                }
                            } else {
                                ItemExpression transform = ItemExpression.of(expression);
                                Map<String, Value> names = names(args, "MAP");
                                for (Value element : elements) {
                                    out.add(transform.evaluate(element, env, names));
                                }
                            }
                            return new ListValue(out);
                        }),
                define(
                        "KEYS",
                        1,
                        1,
                        "KEYS(map): the map's keys, in order",
                        (args, env) -> new ListValue(map(args.get(0), "the map of KEYS").keySet().stream()
                                .<Value>map(TextValue::new)
                                .toList())),
                define(
                        "VALUES",
                        1,
                        1,
                        "VALUES(map): the map's values, in order",
                        (args, env) -> new ListValue(List.copyOf(
                                map(args.get(0), "the map of VALUES").values()))),
                define(
                        "GROUPBY",
                        2,
                        2,
                        "GROUPBY(list, field): a map from each value of the field (as text) to the list of"
                                + " the elements that have it, in order of first appearance",
                        CollectionFunctions::groupBy),
                define(
                        "AGGREGATE",
                        3,
                        3,
                        "AGGREGATE(\"SUM\"|\"AVG\"|\"COUNT\"|\"MIN\"|\"MAX\", list, field): that aggregate of the"
                                + " field over the list of maps (COUNT counts the elements whose field is not"
                                + " NULL); exact decimals",
                        CollectionFunctions::aggregate),
                nvl,
                define(
                        "TYPEOF",
                        1,
                        1,
                        "TYPEOF(x): \"null\", \"boolean\", \"number\", \"string\", \"array\" or \"object\"",
                        (args, env) -> new TextValue(typeName(args.get(0)))),
                define(
                        "LIKE",
                        2,
                        2,
                        "LIKE(text, pattern), also text LIKE pattern: whether the text matches the pattern, ignoring"
                                + " case; * or % stands for any characters, ? or _ for one",
                        (args, env) -> BooleanValue.of(
                                like(text(args.get(0), "the text of LIKE"), text(args.get(1), "the pattern of LIKE")))),
                define(
                        "ISARRAY",
                        1,
                        1,
                        "ISARRAY(x): whether x is a list",
                        (args, env) -> BooleanValue.of(args.get(0) instanceof ListValue)),
                define(
                        "ISOBJECT",
                        1,
                        1,
                        "ISOBJECT(x): whether x is a map",
                        (args, env) -> BooleanValue.of(args.get(0) instanceof MapValue)));
    }

    static boolean like(String text, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*', '%' -> regex.append(".*");
                case '?', '_' -> regex.append('.');
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return java.util.regex.Pattern.compile(
                        regex.toString(),
                        java.util.regex.Pattern.CASE_INSENSITIVE
                                | java.util.regex.Pattern.UNICODE_CASE
                                | java.util.regex.Pattern.DOTALL)
                .matcher(text)
                .matches();
    }

    static String typeName(Value value) {
        return switch (value) {
            case NullValue ignored -> "null";
            case BooleanValue ignored -> "boolean";
            case NumberValue ignored -> "number";
            case TextValue ignored -> "string";
            case ListValue ignored -> "array";
            case MapValue ignored -> "object";
        };
    }

    private static List<Value> list(Value value, String parameter) {
        return Arguments.list(value, parameter);
    }

    private static Map<String, Value> map(Value value, String parameter) {
        return switch (value) {
            case MapValue map -> map.entries();
            case NullValue ignored -> Map.of();
            default -> throw Arguments.expected(parameter, "a map", value);
        };
    }

    /** A map element's field (exact key, then ignoring case); NULL for other elements. */
    static Value field(Value element, String name) {
        return element instanceof MapValue map ? map.find(name).orElse(NullValue.NULL) : NullValue.NULL;
    }

    private static Value slice(List<Value> args, io.basicflow.spi.PureFunction.Environment env) {
        Value source = args.get(0);
        int length = source instanceof TextValue text
                ? Arguments.length(text.value())
                : list(source, "the list of SLICE").size();
        int start = position(args.get(1), length, "the start of SLICE");
        int end = args.size() > 2 && args.get(2) != NullValue.NULL
                ? position(args.get(2), length, "the end of SLICE")
                : length;
        end = Math.max(start, end);
        if (source instanceof TextValue text) {
            return new TextValue(Arguments.codePoints(text.value(), start, end));
        }
        return new ListValue(list(source, "the list of SLICE").subList(start, end));
    }

    private static int position(Value value, int length, String parameter) {
        int position = Arguments.whole(value, parameter);
        if (position < 0) {
            position += length;
        }
        return Math.max(0, Math.min(position, length));
    }

    private static Value sort(List<Value> args, io.basicflow.spi.PureFunction.Environment env) {
        List<Value> elements = new ArrayList<>(list(args.get(0), "the list of SORT"));
        String field = null;
        boolean descending = false;
        for (Value option : args.subList(1, args.size())) {
            String word = text(option, "the option of SORT").strip();
            switch (word.toUpperCase(Locale.ROOT)) {
                case "DESC", "DESCENDING" -> descending = true;
                case "ASC", "ASCENDING" -> descending = false;
                default -> field = word;
            }
        }
        String key = field;
        Comparator<Value> order = (a, b) -> compare(key == null ? a : field(a, key), key == null ? b : field(b, key));
        elements.sort(descending ? order.reversed() : order);
        return new ListValue(elements);
    }

    /** NULL first, then numbers (also numeric text) by value, then texts; anything else by display text. */
    private static int compare(Value a, Value b) {
        if (a == NullValue.NULL) {
            return b == NullValue.NULL ? 0 : -1;
        }
        if (b == NullValue.NULL) {
            return 1;
        }
        if ((a instanceof NumberValue || a instanceof TextValue)
                && (b instanceof NumberValue || b instanceof TextValue)) {
            return Evaluator.compare(a, b);
        }
        return a.display().compareTo(b.display());
    }

    private static Value groupBy(List<Value> args, io.basicflow.spi.PureFunction.Environment env) {
        String field = text(args.get(1), "the field of GROUPBY");
        Map<String, List<Value>> groups = new LinkedHashMap<>();
        for (Value element : list(args.get(0), "the list of GROUPBY")) {
            groups.computeIfAbsent(field(element, field).display(), k -> new ArrayList<>())
                    .add(element);
        }
        Map<String, Value> out = new LinkedHashMap<>();
        groups.forEach((key, members) -> out.put(key, new ListValue(members)));
        return new MapValue(out);
    }

    private static Value aggregate(List<Value> args, io.basicflow.spi.PureFunction.Environment env) {
        String operation =
                text(args.get(0), "the operation of AGGREGATE").strip().toUpperCase(Locale.ROOT);
        String field = text(args.get(2), "the field of AGGREGATE");
        List<Value> values = new ArrayList<>();
        for (Value element : list(args.get(1), "the list of AGGREGATE")) {
            Value value = field(element, field);
            if (value != NullValue.NULL) {
                values.add(value);
            }
        }
        return switch (operation) {
            case "COUNT" -> io.basicflow.spi.value.IntegerValue.of(values.size());
            case "SUM" -> NumberFunctions.sum(values);
            case "AVG", "AVERAGE" ->
                values.isEmpty()
                        ? NullValue.NULL
                        : Values.divide(
                                NumberFunctions.sum(values), io.basicflow.spi.value.IntegerValue.of(values.size()));
            case "MIN" ->
                values.isEmpty()
                        ? NullValue.NULL
                        : values.stream().min(CollectionFunctions::compare).get();
            case "MAX" ->
                values.isEmpty()
                        ? NullValue.NULL
                        : values.stream().max(CollectionFunctions::compare).get();
            default ->
                throw new IllegalArgumentException(
                        "the operation of AGGREGATE must be SUM, AVG, COUNT, MIN or MAX, but is \"" + operation + "\"");
        };
    }

    /** The third argument of FILTER and MAP: the script's variables their text may name. */
    private static Map<String, Value> names(List<Value> args, String function) {
        if (args.size() < 3 || args.get(2) instanceof NullValue) {
            return Map.of();
        }
        if (args.get(2) instanceof MapValue map) {
            return map.entries();
        }
        throw new IllegalArgumentException(
                function + "'s third argument must be a map of names to values, not " + Values.describe(args.get(2)));
    }
}
