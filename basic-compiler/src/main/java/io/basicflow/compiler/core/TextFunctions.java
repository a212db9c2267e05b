package io.basicflow.compiler.core;

import static io.basicflow.compiler.core.Arguments.codePoints;
import static io.basicflow.compiler.core.Arguments.count;
import static io.basicflow.compiler.core.Arguments.length;
import static io.basicflow.compiler.core.Arguments.text;
import static io.basicflow.compiler.core.Arguments.whole;
import static io.basicflow.compiler.core.Functions.alias;
import static io.basicflow.compiler.core.Functions.define;

import io.basicflow.compiler.evaluation.Evaluator;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text functions. Positions are 1-based as in BASIC and count characters (Unicode code points, so
 * an emoji is one character). Texts compare case-sensitively. A {@code NULL} argument counts as
 * {@code ""}; a number or boolean as its display text.
 */
final class TextFunctions {

    private TextFunctions() {}

    static List<FunctionDefinition> definitions() {
        FunctionDefinition upper = define(
                "UPPER",
                1,
                1,
                "UPPER(text): the text in upper case",
                (args, env) -> new TextValue(text(args.get(0), "the text").toUpperCase(Locale.ROOT)));
        FunctionDefinition lower = define(
                "LOWER",
                1,
                1,
                "LOWER(text): the text in lower case",
                (args, env) -> new TextValue(text(args.get(0), "the text").toLowerCase(Locale.ROOT)));
        return List.of(
                upper,
                alias("UCASE", upper),
                lower,
                alias("LCASE", lower),
                define(
                        "TRIM",
                        1,
                        1,
                        "TRIM(text): the text without leading and trailing white space",
                        (args, env) ->
                                new TextValue(text(args.get(0), "the text").strip())),
                define(
                        "LTRIM",
                        1,
                        1,
                        "LTRIM(text): the text without leading white space",
                        (args, env) ->
                                new TextValue(text(args.get(0), "the text").stripLeading())),
                define(
                        "RTRIM",
                        1,
                        1,
                        "RTRIM(text): the text without trailing white space",
                        (args, env) ->
                                new TextValue(text(args.get(0), "the text").stripTrailing())),
                define(
                        "LEFT",
                        2,
                        2,
                        "LEFT(text, n): the first n characters (all when shorter); LEFT(list, n): the first n"
                                + " elements",
                        TextFunctions::left),
                define(
                        "RIGHT",
                        2,
                        2,
                        "RIGHT(text, n): the last n characters (all when shorter); RIGHT(list, n): the last n"
                                + " elements",
                        TextFunctions::right),
                define(
                        "MID",
                        2,
                        3,
                        "MID(text, start[, length]): the characters from the 1-based position start, up to"
                                + " length of them; MID(list, start[, count]): the elements from the zero-based"
                                + " index start, as list[i] counts",
                        TextFunctions::mid),
                define(
                        "INSTR",
                        2,
                        3,
                        "INSTR(text, search) or INSTR(start, text, search): the 1-based position of search in"
                                + " text (from position start), 0 when absent; case-sensitive",
                        TextFunctions::instr),
                define(
                        "REPLACE",
                        3,
                        3,
                        "REPLACE(text, search, replacement): the text with every occurrence of search"
                                + " replaced (literally, case-sensitive)",
                        (args, env) -> {
                            String text = text(args.get(0), "the text");
                            String search = text(args.get(1), "the text to search");
                            return new TextValue(
                                    search.isEmpty()
                                            ? text
                                            : text.replace(search, text(args.get(2), "the replacement")));
                        }),
                define(
                        "SPLIT",
                        1,
                        2,
                        "SPLIT(text[, separator]): the list of parts between separators (default \",\"),"
                                + " kept as they are; an empty text gives an empty list, an empty separator"
                                + " splits into characters",
                        TextFunctions::split),
                define(
                        "STARTSWITH",
                        2,
                        2,
                        "STARTSWITH(text, prefix): whether the text starts with prefix (case-sensitive)",
                        (args, env) -> BooleanValue.of(
                                text(args.get(0), "the text").startsWith(text(args.get(1), "the prefix")))),
                define(
                        "ENDSWITH",
                        2,
                        2,
                        "ENDSWITH(text, suffix): whether the text ends with suffix (case-sensitive)",
                        (args, env) -> BooleanValue.of(
                                text(args.get(0), "the text").endsWith(text(args.get(1), "the suffix")))),
                define(
                        "CONTAINS",
                        2,
                        2,
                        "CONTAINS(text, part): whether part occurs in the text (case-sensitive);"
                                + " CONTAINS(list, value): whether an element equals value as = compares;"
                                + " CONTAINS(map, key): whether the map has the key",
                        TextFunctions::contains));
    }

    private static Value left(List<Value> args, io.basicflow.spi.PureFunction.Environment env) {
        int n = count(args.get(1), "the count");
        if (args.get(0) instanceof ListValue list) {
            return new ListValue(
                    list.elements().subList(0, Math.min(n, list.elements().size())));
        }
        return new TextValue(codePoints(text(args.get(0), "the text"), 0, n));
    }

    private static Value right(List<Value> args, io.basicflow.spi.PureFunction.Environment env) {
        int n = count(args.get(1), "the count");
        if (args.get(0) instanceof ListValue list) {
            int size = list.elements().size();
            return new ListValue(list.elements().subList(Math.max(0, size - n), size));
        }
        String text = text(args.get(0), "the text");
        int length = length(text);
        return new TextValue(codePoints(text, Math.max(0, length - n), length));
    }

    private static Value mid(List<Value> args, io.basicflow.spi.PureFunction.Environment env) {
        if (args.get(0) instanceof ListValue list) {
            int start = count(args.get(1), "the start index");
            int size = list.elements().size();
            int n = args.size() > 2 ? count(args.get(2), "the count") : size;
            int from = Math.min(start, size);
            return new ListValue(list.elements().subList(from, (int) Math.min((long) from + n, size)));
        }
        String text = text(args.get(0), "the text");
        int start = whole(args.get(1), "the start position");
        if (start < 1) {
            throw new IllegalArgumentException("the start position counts from 1, but is " + start);
        }
        int n = args.size() > 2 ? count(args.get(2), "the length") : Integer.MAX_VALUE;
        return new TextValue(codePoints(text, start - 1, (int) Math.min((long) start - 1 + n, Integer.MAX_VALUE)));
    }

    private static Value instr(List<Value> args, io.basicflow.spi.PureFunction.Environment env) {
        int start = 1;
        int first = 0;
        if (args.size() == 3) {
            start = whole(args.get(0), "the start position");
            if (start < 1) {
                throw new IllegalArgumentException("the start position counts from 1, but is " + start);
            }
            first = 1;
        }
        String text = text(args.get(first), "the text");
        String search = text(args.get(first + 1), "the text to search");
        int length = length(text);
        if (start > length + 1) {
            return IntegerValue.ZERO;
        }
        int fromIndex = text.offsetByCodePoints(0, start - 1);
        int found = text.indexOf(search, fromIndex);
        return IntegerValue.of(found < 0 ? 0 : text.codePointCount(0, found) + 1);
    }

    private static Value split(List<Value> args, io.basicflow.spi.PureFunction.Environment env) {
        String text = text(args.get(0), "the text");
        String separator = args.size() > 1 ? text(args.get(1), "the separator") : ",";
        List<Value> parts = new ArrayList<>();
        if (text.isEmpty()) {
            return ListValue.EMPTY;
        }
        if (separator.isEmpty()) {
            text.codePoints().forEach(c -> parts.add(new TextValue(Character.toString(c))));
            return new ListValue(parts);
        }
        int from = 0;
        int at;
        while ((at = text.indexOf(separator, from)) >= 0) {
            parts.add(new TextValue(text.substring(from, at)));
            from = at + separator.length();
        }
        parts.add(new TextValue(text.substring(from)));
        return new ListValue(parts);
    }

    private static Value contains(List<Value> args, io.basicflow.spi.PureFunction.Environment env) {
        Value container = args.get(0);
        Value part = args.get(1);
        return switch (container) {
            case ListValue list -> BooleanValue.of(list.elements().stream().anyMatch(e -> Evaluator.equal(e, part)));
            case MapValue map -> BooleanValue.of(map.find(text(part, "the key")).isPresent());
            case NullValue ignored -> BooleanValue.FALSE;
            case TextValue text -> BooleanValue.of(text.value().contains(text(part, "the part")));
            case NumberValue number -> BooleanValue.of(number.display().contains(text(part, "the part")));
            case BooleanValue bool -> BooleanValue.of(bool.display().contains(text(part, "the part")));
        };
    }
}
