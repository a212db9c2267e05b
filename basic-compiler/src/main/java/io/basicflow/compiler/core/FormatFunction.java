package io.basicflow.compiler.core;

import static io.basicflow.compiler.core.Arguments.text;
import static io.basicflow.compiler.core.Functions.define;

import io.basicflow.compiler.evaluation.Values;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.PureFunction;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code FORMAT(value[, pattern[, locale]])}.
 *
 * <ul>
 *   <li>Without a pattern: the display text of the value ({@code FORMAT(RANDOM(1000, 9999))}).
 *   <li>A pattern with {@code #} or {@code 0} formats a number ({@code NULL} is 0, numeric text is
 *       its number) the way {@link DecimalFormat} does: {@code "#,##0.00"} gives {@code
 *       1,234.50}, {@code "#.##"} gives {@code 2} for 2 and {@code 0.5} for 0.5, {@code "0.0%"}
 *       multiplies by 100; halves round away from zero. A leading {@code +} ({@code "+#.#"})
 *       shows the sign of positive numbers too.
 *   <li>Any other pattern formats a date or date-time text with BASIC-style tokens ({@code
 *       YYYYMMDD}, {@code DD/MM/YYYY HH:mm}, {@code MMMM dd, yyyy}: see {@link Dates#formatter});
 *       {@code NULL} gives {@code ""}.
 *   <li>The optional locale is a language tag ({@code "pt-BR"}) for separators and month names;
 *       the default is English with {@code .} as decimal point and {@code ,} for thousands.
 * </ul>
 */
final class FormatFunction {

    private FormatFunction() {}

    static FunctionDefinition definition() {
        return define(
                "FORMAT",
                1,
                3,
                "FORMAT(value[, pattern[, locale]]): a number with a pattern like \"#,##0.00\", a date with"
                        + " a pattern like \"DD/MM/YYYY HH:mm\", or without a pattern the display text",
                FormatFunction::format);
    }

    private static Value format(List<Value> args, PureFunction.Environment env) {
        Value value = args.get(0);
        if (args.size() == 1) {
            return new TextValue(value.display());
        }
        String pattern = text(args.get(1), "the pattern");
        Locale locale = args.size() > 2 ? locale(text(args.get(2), "the locale")) : Locale.ENGLISH;
        if (pattern.indexOf('#') >= 0 || pattern.indexOf('0') >= 0) {
            Optional<NumberValue> number = Values.asNumber(value);
            if (number.isEmpty()) {
                throw new IllegalArgumentException("the number pattern \"" + pattern
                        + "\" needs a number, but the value is " + Values.describe(value));
            }
            return new TextValue(number(number.get(), pattern, locale));
        }
        if (value == NullValue.NULL) {
            return TextValue.EMPTY;
        }
        Temporal date = DateFunctions.date(
                value,
                "the value to format with \"" + pattern + "\"",
                env.clock().getZone());
        return new TextValue(Dates.format(date, Dates.formatter(pattern, locale)));
    }

    private static String number(NumberValue number, String pattern, Locale locale) {
        String javaPattern = pattern;
        if (pattern.startsWith("+") && pattern.indexOf(';') < 0) {
            javaPattern = pattern + ";-" + pattern.substring(1);
        }
        DecimalFormat format;
        try {
            format = new DecimalFormat(javaPattern, DecimalFormatSymbols.getInstance(locale));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the number pattern \"" + pattern + "\" is not valid: " + e.getMessage(), e);
        }
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(number.toBigDecimal());
    }

    private static Locale locale(String tag) {
        Locale locale = Locale.forLanguageTag(tag.strip().replace('_', '-'));
        if (locale.getLanguage().isEmpty()) {
            throw new IllegalArgumentException(
                    "the locale must be a language tag like \"en-US\" or \"pt-BR\", but is \"" + tag + "\"");
        }
        return locale;
    }
}
