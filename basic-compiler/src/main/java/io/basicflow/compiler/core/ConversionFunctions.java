package io.basicflow.compiler.core;

import static io.basicflow.compiler.core.Arguments.number;
import static io.basicflow.compiler.core.Arguments.text;
import static io.basicflow.compiler.core.Functions.define;

import io.basicflow.compiler.evaluation.Values;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * The conversion and character functions of General Bots' reference list
 * (keyword-reference-complete.md): {@code CSTR CINT CDBL CBOOL CDATE}, {@code ASC CHR}, {@code SGN},
 * {@code LBOUND}, {@code ISDATE}. Dates are ISO texts here, as everywhere in basicflow, so {@code CDATE}
 * gives the ISO text of the date it reads.
 */
final class ConversionFunctions {

    private ConversionFunctions() {}

    static List<FunctionDefinition> definitions() {
        return List.of(
                define(
                        "CSTR",
                        1,
                        1,
                        "CSTR(x): the display text of x, as STR(x)",
                        (args, env) -> new TextValue(args.get(0).display())),
                define(
                        "CINT",
                        1,
                        1,
                        "CINT(x): x rounded to a whole number, halves to the even neighbour (CINT(2.5) = 2,"
                                + " CINT(3.5) = 4), as Visual Basic's CInt; numeric text counts as its number",
                        (args, env) -> NumberValue.of(
                                number(args.get(0), "the number").toBigDecimal().setScale(0, RoundingMode.HALF_EVEN))),
                define(
                        "CDBL",
                        1,
                        1,
                        "CDBL(x): x as a number (numeric text as its number, NULL as 0)",
                        (args, env) -> number(args.get(0), "the number")),
                define(
                        "CBOOL",
                        1,
                        1,
                        "CBOOL(x): x as TRUE or FALSE (see the data types page)",
                        (args, env) -> BooleanValue.of(bool(args.get(0)))),
                define(
                        "CDATE",
                        1,
                        1,
                        "CDATE(x): the date or date-time a text names, as ISO text (2026-03-05 or"
                                + " 2026-03-05T14:30:00); the forms DATEVALUE reads",
                        (args, env) -> {
                            String text = text(args.get(0), "the date");
                            return new TextValue(Dates.format(
                                    Dates.parse(text, env.clock().getZone())
                                            .or(() -> Dates.parseHuman(text, env.clock()))
                                            .orElseThrow(() -> new IllegalArgumentException(
                                                    "the date must be a date like 2026-11-25 or 25/11/2026, but is "
                                                            + Values.describe(args.get(0))))));
                        }),
                define(
                        "ISDATE",
                        1,
                        1,
                        "ISDATE(x): whether x is a text CDATE can read as a date",
                        (args, env) -> BooleanValue.of(args.get(0) instanceof TextValue text
                                && !text.value().isBlank()
                                && (Dates.parse(text.value(), env.clock().getZone())
                                                .isPresent()
                                        || Dates.parseHuman(text.value(), env.clock())
                                                .isPresent()))),
                define(
                        "ASC",
                        1,
                        1,
                        "ASC(text): the Unicode code of the text's first character (ASC(\"A\") = 65)",
                        (args, env) -> {
                            String text = text(args.get(0), "the text");
                            if (text.isEmpty()) {
                                throw new IllegalArgumentException("ASC needs a text with at least one character");
                            }
                            return IntegerValue.of(text.codePointAt(0));
                        }),
                define(
                        "CHR",
                        1,
                        1,
                        "CHR(code): the character of a Unicode code (CHR(65) = \"A\", CHR(10) a line break)",
                        (args, env) -> {
                            int code = Arguments.whole(args.get(0), "the code");
                            if (code < 0
                                    || code > Character.MAX_CODE_POINT
                                    || (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE)) {
                                throw new IllegalArgumentException(
                                        "CHR needs a Unicode code from 0 to 1114111 (not a surrogate), not " + code);
                            }
                            return new TextValue(Character.toString(code));
                        }),
                define(
                        "SGN",
                        1,
                        1,
                        "SGN(x): -1, 0 or 1 as x is negative, zero or positive",
                        (args, env) -> IntegerValue.of(
                                number(args.get(0), "the number").toBigDecimal().signum())),
                define(
                        "LBOUND",
                        1,
                        1,
                        "LBOUND(list): the first index of a list, always 0 (lists count from 0 here)",
                        (args, env) -> switch (args.get(0)) {
                            case ListValue ignored -> IntegerValue.of(0);
                            case NullValue ignored -> IntegerValue.of(0);
                            default ->
                                throw new IllegalArgumentException(
                                        "LBOUND needs a list, not " + Values.describe(args.get(0)));
                        }));
    }

    /**
     * CBOOL's reading: a boolean as it is; a number TRUE unless 0; {@code NULL} and blank text FALSE; a
     * text "true"/"yes"/"sim"/"on" or "false"/"no"/"não"/"nao"/"off" (any case), or numeric text by its
     * number; a list or map TRUE unless empty; any other text is an error.
     */
    static boolean bool(Value value) {
        return switch (value) {
            case BooleanValue b -> b.value();
            case NumberValue n -> n.toBigDecimal().signum() != 0;
            case NullValue ignored -> false;
            case ListValue list -> !list.elements().isEmpty();
            case MapValue map -> !map.entries().isEmpty();
            case TextValue text -> {
                String folded = text.value().strip().toLowerCase(Locale.ROOT);
                yield switch (folded) {
                    case "", "false", "no", "não", "nao", "off" -> false;
                    case "true", "yes", "sim", "on" -> true;
                    default -> {
                        var numeric = Values.parseNumber(folded);
                        if (numeric.isPresent()) {
                            yield numeric.get().toBigDecimal().signum() != 0;
                        }
                        throw new IllegalArgumentException(
                                "CBOOL needs TRUE, FALSE, a number or a text such as \"true\" or \"no\", not "
                                        + Values.describe(value));
                    }
                };
            }
            default -> throw new IllegalArgumentException("CBOOL cannot read " + Values.describe(value));
        };
    }
}
