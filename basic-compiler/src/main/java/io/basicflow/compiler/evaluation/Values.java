package io.basicflow.compiler.evaluation;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Optional;

/**
 * Conversions and exact arithmetic shared by the {@link Evaluator} and the built-in functions.
 *
 * <p>Numbers: {@link IntegerValue} (a {@code long}) is the fast path; results that leave the
 * {@code long} range or are fractional become {@link DecimalValue}s, always normalised through
 * {@link NumberValue#of(BigDecimal)}. Division that does not terminate within 34 significant digits
 * is rounded to 34 ({@link MathContext#DECIMAL128}).
 *
 * <p>Numeric coercion ({@link #toNumber(Value)}): {@code NULL} and blank text count as {@code 0};
 * text that is a plain decimal number ({@code "42"}, {@code " -3.5 "}, {@code "1e3"}) counts as that
 * number; everything else (other text, booleans, lists, maps) is not a number.
 */
public final class Values {

    /** The precision of inexact results: 34 significant digits, rounding half even. */
    public static final MathContext PRECISION = MathContext.DECIMAL128;

    /**
     * The most digits a number may have before or after its decimal point. Results beyond it fail
     * ("the result has more than 1000 digits") instead of growing without bound: a script that
     * computes {@code 10 ^ 999999999} must not exhaust the heap of a shared worker.
     */
    public static final int MAX_DIGITS = 1000;

    private static final String TOO_MANY_DIGITS = "the result has more than " + MAX_DIGITS + " digits";

    /** Exact integer powers beyond this exponent are computed to {@link #PRECISION} instead. */
    private static final int EXACT_POWER_LIMIT = 1000;

    private Values() {}

    /**
     * Parses a plain decimal number: optional sign, digits with an optional fraction, an optional
     * exponent; surrounding white space is ignored. No thousands separators, no currency.
     *
     * @param text the text
     * @return the number, or empty when the text is not a number (blank text included)
     */
    public static Optional<NumberValue> parseNumber(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (!isPlainNumber(text, start, end)) {
            return Optional.empty();
        }
        int length = end - start;
        boolean simpleInteger = length <= 18;
        for (int i = start; i < end && simpleInteger; i++) {
            char c = text.charAt(i);
            simpleInteger = (c >= '0' && c <= '9') || (i == start && (c == '-' || c == '+'));
        }
        if (simpleInteger) {
            return Optional.of(IntegerValue.of(Long.parseLong(text, start, end, 10)));
        }
        try {
            return Optional.of(checked(new BigDecimal(text.substring(start, end))));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty(); // an exponent out of range
        }
    }

    private static boolean isPlainNumber(String text, int start, int end) {
        int i = start;
        if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < end && isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < end && text.charAt(i) == '.') {
            i++;
            while (i < end && isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < end && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < end && isDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0 || exponentDigits > 9) {
                return false;
            }
        }
        return i == end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A value as a position in a list or text, for reading ({@code a[i]}) and writing ({@code a[i] =
     * v}) alike: a whole number, or a text that reads as one. A blank text is not a position, although
     * it counts as {@code 0} in arithmetic.
     *
     * @param value the index
     * @return the position (possibly negative or past the end), or empty when the value is not one
     */
    public static Optional<Long> asPosition(Value value) {
        if (value instanceof TextValue text && text.value().isBlank()) {
            return Optional.empty();
        }
        return asNumber(value).filter(IntegerValue.class::isInstance).map(number -> ((IntegerValue) number).value());
    }

    /**
     * The number a value counts as in arithmetic: numbers as they are, {@code NULL} and blank text as
     * {@code 0}, numeric text as its number.
     *
     * @param value the value
     * @return the number, or empty when the value does not count as a number
     */
    public static Optional<NumberValue> asNumber(Value value) {
        return switch (value) {
            case NumberValue number -> Optional.of(number);
            case NullValue ignored -> Optional.of(IntegerValue.ZERO);
            case TextValue text -> text.value().isBlank() ? Optional.of(IntegerValue.ZERO) : parseNumber(text.value());
            case BooleanValue ignored -> Optional.empty();
            case ListValue ignored -> Optional.empty();
            case MapValue ignored -> Optional.empty();
        };
    }

    /**
     * The number a value counts as in arithmetic (see {@link #asNumber(Value)}).
     *
     * @param value the value
     * @return the number
     * @throws IllegalArgumentException when the value is not a number, naming it
     */
    public static NumberValue toNumber(Value value) {
        Optional<NumberValue> number = asNumber(value);
        if (number.isEmpty()) {
            throw new IllegalArgumentException("expected a number but got " + describe(value));
        }
        return number.get();
    }

    /**
     * A value as a whole number that fits a {@code long} (after {@link #toNumber(Value)}).
     *
     * @param value the value
     * @return the integer
     * @throws IllegalArgumentException when it is not a whole number in the {@code long} range
     */
    public static long toLong(Value value) {
        NumberValue number = toNumber(value);
        if (number instanceof IntegerValue integer) {
            return integer.value();
        }
        throw new IllegalArgumentException("expected a whole number but got " + describe(value));
    }

    /**
     * A value as a whole number that fits an {@code int}, for positions, counts and lengths.
     *
     * @param value the value
     * @return the integer
     * @throws IllegalArgumentException when it is not a whole number in the {@code int} range
     */
    public static int toInt(Value value) {
        long number = toLong(value);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the number " + number + " is too large here");
        }
        return (int) number;
    }

    /**
     * Describes a value for an error message: {@code the text "Bob"}, {@code the number 4.5},
     * {@code NULL}, {@code a list of 3 elements}; long texts are shortened.
     *
     * @param value the value
     * @return a short description
     */
    public static String describe(Value value) {
        return switch (value) {
            case NullValue ignored -> "NULL";
            case BooleanValue bool -> "the boolean " + (bool.value() ? "TRUE" : "FALSE");
            case NumberValue number -> "the number " + number.display();
            case TextValue text -> "the text " + quote(shorten(text.value()));
            case ListValue list ->
                switch (list.elements().size()) {
                    case 0 -> "an empty list";
                    case 1 -> "a list of 1 element";
                    default -> "a list of " + list.elements().size() + " elements";
                };
            case MapValue map ->
                map.entries().isEmpty()
                        ? "an empty map"
                        : "a map with keys "
                                + shorten(String.join(", ", map.entries().keySet()));
        };
    }

    /**
     * The kind of a value in words, with its article: {@code a number}, {@code a text}, {@code a list}.
     *
     * @param value the value
     * @return the kind
     */
    public static String kind(Value value) {
        return switch (value) {
            case NullValue ignored -> "NULL";
            case BooleanValue ignored -> "a boolean";
            case NumberValue ignored -> "a number";
            case TextValue ignored -> "a text";
            case ListValue ignored -> "a list";
            case MapValue ignored -> "a map";
        };
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    // ---- exact arithmetic ------------------------------------------------------------------

    /**
     * {@code a + b}, exact.
     *
     * @param a left
     * @param b right
     * @return the sum
     */
    public static NumberValue add(NumberValue a, NumberValue b) {
        if (a instanceof IntegerValue x && b instanceof IntegerValue y) {
            long result = x.value() + y.value();
            if (((x.value() ^ result) & (y.value() ^ result)) >= 0) {
                return IntegerValue.of(result);
            }
        }
        return checked(a.toBigDecimal().add(b.toBigDecimal()));
    }

    /**
     * {@code a - b}, exact.
     *
     * @param a left
     * @param b right
     * @return the difference
     */
    public static NumberValue subtract(NumberValue a, NumberValue b) {
        if (a instanceof IntegerValue x && b instanceof IntegerValue y) {
            long result = x.value() - y.value();
            if (((x.value() ^ y.value()) & (x.value() ^ result)) >= 0) {
                return IntegerValue.of(result);
            }
        }
        return checked(a.toBigDecimal().subtract(b.toBigDecimal()));
    }

    /**
     * {@code a * b}, exact.
     *
     * @param a left
     * @param b right
     * @return the product
     */
    public static NumberValue multiply(NumberValue a, NumberValue b) {
        if (a instanceof IntegerValue x && b instanceof IntegerValue y) {
            long high = Math.multiplyHigh(x.value(), y.value());
            long low = x.value() * y.value();
            if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
                return IntegerValue.of(low);
            }
        }
        return checked(a.toBigDecimal().multiply(b.toBigDecimal()));
    }

    /**
     * {@code a / b}: exact when the quotient has at most 34 significant digits, otherwise rounded to
     * 34 ({@link #PRECISION}).
     *
     * @param a dividend
     * @param b divisor
     * @return the quotient
     * @throws ArithmeticException when {@code b} is zero
     */
    public static NumberValue divide(NumberValue a, NumberValue b) {
        if (a instanceof IntegerValue x && b instanceof IntegerValue y) {
            long divisor = y.value();
            if (divisor == 0) {
                throw new ArithmeticException("division by zero");
            }
            if (divisor != -1 && x.value() % divisor == 0) {
                return IntegerValue.of(x.value() / divisor);
            }
        }
        BigDecimal divisor = b.toBigDecimal();
        if (divisor.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return checked(a.toBigDecimal().divide(divisor, PRECISION));
    }

    /**
     * {@code a \ b}: the quotient truncated toward zero ({@code 7 \ 2 = 3}, {@code -7 \ 2 = -3}).
     *
     * @param a dividend
     * @param b divisor
     * @return the integral quotient
     * @throws ArithmeticException when {@code b} is zero
     */
    public static NumberValue integerDivide(NumberValue a, NumberValue b) {
        if (a instanceof IntegerValue x && b instanceof IntegerValue y) {
            if (y.value() == 0) {
                throw new ArithmeticException("division by zero");
            }
            if (!(x.value() == Long.MIN_VALUE && y.value() == -1)) {
                return IntegerValue.of(x.value() / y.value());
            }
        }
        BigDecimal divisor = b.toBigDecimal();
        if (divisor.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return checked(a.toBigDecimal().divideToIntegralValue(divisor));
    }

    /**
     * {@code a MOD b}: the remainder of {@link #integerDivide}, with the sign of the dividend
     * ({@code -7 MOD 3 = -1}); works on decimals ({@code 7.5 MOD 2 = 1.5}).
     *
     * @param a dividend
     * @param b divisor
     * @return the remainder
     * @throws ArithmeticException when {@code b} is zero
     */
    public static NumberValue modulo(NumberValue a, NumberValue b) {
        if (a instanceof IntegerValue x && b instanceof IntegerValue y) {
            if (y.value() == 0) {
                throw new ArithmeticException("division by zero");
            }
            return IntegerValue.of(y.value() == -1 ? 0 : x.value() % y.value());
        }
        BigDecimal divisor = b.toBigDecimal();
        if (divisor.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return checked(a.toBigDecimal().remainder(divisor));
    }

    /**
     * {@code base ^ exponent}. A whole exponent is exact ({@code 2 ^ 100}, {@code 10 ^ -2 = 0.01};
     * beyond an exponent of 1000, or when a negative exponent does not divide evenly, the result is
     * rounded to 34 digits). A fractional exponent is computed in {@code double} precision
     * ({@code 2 ^ 0.5 = 1.4142135623730951}), so its result is approximate.
     *
     * @param base the base
     * @param exponent the exponent
     * @return the power
     * @throws ArithmeticException when zero is raised to a negative power, or the result is not a
     *     real number ({@code -8 ^ 0.5}) or too large
     */
    public static NumberValue power(NumberValue base, NumberValue exponent) {
        if (exponent instanceof IntegerValue whole && Math.abs(whole.value()) <= 999_999_999L) {
            int n = (int) whole.value();
            BigDecimal b = base.toBigDecimal();
            if (n < 0 && b.signum() == 0) {
                throw new ArithmeticException("division by zero");
            }
            // b^n has at least n * (digits of b - 1) + 1 digits: fail before computing a huge power.
            if (Math.abs(n) <= EXACT_POWER_LIMIT && (long) Math.abs(n) * (b.precision() - 1) + 1 > 2L * MAX_DIGITS) {
                throw new ArithmeticException(TOO_MANY_DIGITS);
            }
            if (Math.abs(n) <= EXACT_POWER_LIMIT) {
                BigDecimal magnitude = b.pow(Math.abs(n));
                return n >= 0 ? checked(magnitude) : divide(IntegerValue.of(1), checked(magnitude));
            }
            return checked(b.pow(n, PRECISION));
        }
        double result = Math.pow(
                base.toBigDecimal().doubleValue(), exponent.toBigDecimal().doubleValue());
        if (Double.isNaN(result)) {
            throw new ArithmeticException("the power has no real result");
        }
        if (Double.isInfinite(result)) {
            throw new ArithmeticException("the power is too large");
        }
        return checked(BigDecimal.valueOf(result));
    }

    /**
     * A computed decimal as a canonical number value, within {@link #MAX_DIGITS}.
     *
     * @param value the decimal
     * @return the number value
     * @throws ArithmeticException when the number has more than {@link #MAX_DIGITS} digits before
     *     or after the decimal point
     */
    public static NumberValue checked(BigDecimal value) {
        if (value.signum() != 0 && (value.precision() - value.scale() > MAX_DIGITS || value.scale() > MAX_DIGITS)) {
            throw new ArithmeticException(TOO_MANY_DIGITS);
        }
        return NumberValue.of(value);
    }

    /**
     * {@code -a}.
     *
     * @param a the number
     * @return its negation
     */
    public static NumberValue negate(NumberValue a) {
        if (a instanceof IntegerValue x && x.value() != Long.MIN_VALUE) {
            return IntegerValue.of(-x.value());
        }
        return checked(a.toBigDecimal().negate());
    }

    /**
     * Compares two numbers by value ({@code 1} equals {@code 1.0}).
     *
     * @param a left
     * @param b right
     * @return negative, zero or positive
     */
    public static int compareNumbers(NumberValue a, NumberValue b) {
        if (a instanceof IntegerValue x && b instanceof IntegerValue y) {
            return Long.compare(x.value(), y.value());
        }
        return a.toBigDecimal().compareTo(b.toBigDecimal());
    }

    /**
     * A whole number as a {@link BigInteger}, for functions that need integer arithmetic.
     *
     * @param number the number
     * @return the integer
     * @throws IllegalArgumentException when the number has a fraction
     */
    public static BigInteger toBigInteger(NumberValue number) {
        try {
            return number.toBigDecimal().toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("expected a whole number but got " + describe(number), e);
        }
    }
}
