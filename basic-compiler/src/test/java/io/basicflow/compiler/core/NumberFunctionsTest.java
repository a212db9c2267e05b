package io.basicflow.compiler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NumberFunctionsTest extends FunctionFixture {

    private static Value number(String decimal) {
        return NumberValue.of(new BigDecimal(decimal));
    }

    @Test
    void intFloorsAndFixTruncates() {
        assertThat(call("INT", 2.7)).isEqualTo(IntegerValue.of(2));
        assertThat(call("INT", -2.5)).isEqualTo(IntegerValue.of(-3));
        assertThat(call("INT", "3.9")).isEqualTo(IntegerValue.of(3));
        assertThat(call("INT", 5)).isEqualTo(IntegerValue.of(5));
        assertThat(call("FIX", -2.5)).isEqualTo(IntegerValue.of(-2));
        assertThat(call("FLOOR", -0.5)).isEqualTo(IntegerValue.of(-1));
        assertThat(call("CEIL", 0.1)).isEqualTo(IntegerValue.of(1));
        assertThat(call("CEILING", -0.9)).isEqualTo(IntegerValue.ZERO);
        assertFails("INT", "abc").hasMessage("the number must be a number, but is the text \"abc\" in 'INT(\"abc\")'");
    }

    @Test
    void roundHalvesAwayFromZero() {
        assertThat(call("ROUND", 2.5)).isEqualTo(IntegerValue.of(3));
        assertThat(call("ROUND", -2.5)).isEqualTo(IntegerValue.of(-3));
        assertThat(call("ROUND", 2.345, 2)).isEqualTo(number("2.35"));
        assertThat(call("ROUND", 1.005, 2)).isEqualTo(number("1.01"));
        assertThat(call("ROUND", 1234, -2)).isEqualTo(IntegerValue.of(1200));
        assertThat(call("ROUND", 1250, -2)).isEqualTo(IntegerValue.of(1300));
        assertThat(call("ROUND", 7, 2)).isEqualTo(IntegerValue.of(7));
        assertThat(call("ROUND", 0.125, 5)).isEqualTo(number("0.125"));
        assertFails("ROUND", 1, 5000).hasMessageContaining("between -1000 and 1000");
    }

    @Test
    void absAndSquareRoot() {
        assertThat(call("ABS", -3.5)).isEqualTo(number("3.5"));
        assertThat(call("ABS", 4)).isEqualTo(IntegerValue.of(4));
        assertThat(call("ABS", Long.MIN_VALUE).display()).isEqualTo("9223372036854775808");
        assertThat(call("SQRT", 16)).isEqualTo(IntegerValue.of(4));
        assertThat(call("SQR", 2.25)).isEqualTo(number("1.5"));
        assertThat(show("SQRT", 2)).isEqualTo("1.414213562373095048801688724209698");
        assertFails("SQRT", -4).hasMessageContaining("cannot take the square root of the negative number -4");
    }

    @Test
    void valReadsTheLeadingNumber() {
        assertThat(call("VAL", "42")).isEqualTo(IntegerValue.of(42));
        assertThat(call("VAL", " 3.5kg")).isEqualTo(number("3.5"));
        assertThat(call("VAL", "-12 apples")).isEqualTo(IntegerValue.of(-12));
        assertThat(call("VAL", "1e3")).isEqualTo(IntegerValue.of(1000));
        assertThat(call("VAL", "abc")).isEqualTo(IntegerValue.ZERO);
        assertThat(call("VAL", "")).isEqualTo(IntegerValue.ZERO);
        assertThat(call("VAL", (Object) null)).isEqualTo(IntegerValue.ZERO);
        assertThat(call("VAL", 7.25)).isEqualTo(number("7.25"));
        assertThat(call("VAL", ".5")).isEqualTo(number("0.5"));
        assertFails("VAL", List.of(1)).hasMessageContaining("must be a text, but is a list");
    }

    @Test
    void strAndToStringGiveTheDisplayText() {
        assertThat(call("STR", 12.50)).isEqualTo(new TextValue("12.5"));
        assertThat(call("TOSTRING", true)).isEqualTo(new TextValue("true"));
        assertThat(call("STR", (Object) null)).isEqualTo(TextValue.EMPTY);
        assertThat(call("STR", List.of(1, "a"))).isEqualTo(new TextValue("[1,\"a\"]"));
    }

    @Test
    void isNumberAcceptsNumbersAndNumericText() {
        assertThat(call("ISNUMBER", 1)).isEqualTo(BooleanValue.TRUE);
        assertThat(call("ISNUMBER", " -3.5 ")).isEqualTo(BooleanValue.TRUE);
        assertThat(call("ISNUMERIC", "12a")).isEqualTo(BooleanValue.FALSE);
        assertThat(call("ISNUMBER", "")).isEqualTo(BooleanValue.FALSE);
        assertThat(call("ISNUMBER", (Object) null)).isEqualTo(BooleanValue.FALSE);
        assertThat(call("ISNUMBER", true)).isEqualTo(BooleanValue.FALSE);
    }

    @Test
    void randomWithinBoundsAndRepeatableWithASeed() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            long value = ((IntegerValue) call("RANDOM", 1, 6)).value();
            assertThat(value).isBetween(1L, 6L);
            seen.add(value);
        }
        assertThat(seen).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(call("RANDOM", 5, 5)).isEqualTo(IntegerValue.of(5));
        assertThat(call("RANDOM", Long.MAX_VALUE - 1, Long.MAX_VALUE).display())
                .isIn(String.valueOf(Long.MAX_VALUE - 1), String.valueOf(Long.MAX_VALUE));
        FunctionFixture again = new FunctionFixture() {};
        FunctionFixture other = new FunctionFixture() {};
        assertThat(again.call("RANDOM", 1, 1_000_000)).isEqualTo(other.call("RANDOM", 1, 1_000_000));
    }

    @Test
    void randomFractionIsBetweenZeroAndOne() {
        for (int i = 0; i < 100; i++) {
            BigDecimal fraction = ((NumberValue) call("RANDOM")).toBigDecimal();
            assertThat(fraction).isGreaterThanOrEqualTo(BigDecimal.ZERO).isLessThan(BigDecimal.ONE);
            BigDecimal rnd = ((NumberValue) call("RND")).toBigDecimal();
            assertThat(rnd).isGreaterThanOrEqualTo(BigDecimal.ZERO).isLessThan(BigDecimal.ONE);
        }
    }

    @Test
    void randomRejectsBadBounds() {
        assertFails("RANDOM", 1).hasMessageContaining("RANDOM takes no argument or two (lowest, highest), not one");
        assertFails("RANDOM", 10, 1).hasMessageContaining("the lowest value 10 is above the highest 1");
        assertFails("RANDOM", 1.5, 3).hasMessageContaining("the bounds must be whole numbers");
    }

    @Test
    void minAndMax() {
        assertThat(call("MIN", 3, 1, 2)).isEqualTo(IntegerValue.of(1));
        assertThat(call("MAX", 3, 1.5, "7")).isEqualTo(new TextValue("7"));
        assertThat(call("MAX", List.of(4, 9, 2))).isEqualTo(IntegerValue.of(9));
        assertThat(call("MIN", List.of("pear", "apple"))).isEqualTo(new TextValue("apple"));
        assertThat(call("MAX", List.of(Map.of("count", 3), Map.of("count", 8), Map.of("other", 1)), "count"))
                .isEqualTo(IntegerValue.of(8));
        assertThat(call("MAX", List.of())).isEqualTo(NullValue.NULL);
        assertThat(call("MIN", (Object) null)).isEqualTo(NullValue.NULL);
        assertThat(call("MIN", 5)).isEqualTo(IntegerValue.of(5));
        assertFails("MAX", 1, List.of(2)).hasMessageContaining("cannot order");
    }

    @Test
    void sumAndAverage() {
        assertThat(call("SUM", List.of(0.1, 0.2))).isEqualTo(number("0.3"));
        assertThat(call("SUM", 1, 2, 3)).isEqualTo(IntegerValue.of(6));
        assertThat(call("SUM", List.of(Map.of("size", 10), Map.of("size", "5"), Map.of("name", "x")), "size"))
                .isEqualTo(IntegerValue.of(15));
        assertThat(call("SUM", List.of())).isEqualTo(IntegerValue.ZERO);
        assertThat(call("AVG", List.of(1, 2))).isEqualTo(number("1.5"));
        assertThat(call("AVG", List.of(Map.of("ms", 100), Map.of("ms", 200), Map.of("x", 1)), "ms"))
                .isEqualTo(IntegerValue.of(150));
        assertThat(call("AVG", List.of())).isEqualTo(NullValue.NULL);
        assertFails("SUM", List.of(1, "x")).hasMessageContaining("value 2 must be a number, but is the text \"x\"");
    }
}
