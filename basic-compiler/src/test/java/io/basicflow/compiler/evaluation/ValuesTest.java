package io.basicflow.compiler.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void parsesPlainNumbers() {
        assertThat(Values.parseNumber("42")).contains(IntegerValue.of(42));
        assertThat(Values.parseNumber(" -7 ")).contains(IntegerValue.of(-7));
        assertThat(Values.parseNumber("+3.50")).contains(NumberValue.of(new BigDecimal("3.5")));
        assertThat(Values.parseNumber("1e3")).contains(IntegerValue.of(1000));
        assertThat(Values.parseNumber(".5")).contains(NumberValue.of(new BigDecimal("0.5")));
        assertThat(Values.parseNumber("5.")).contains(IntegerValue.of(5));
        assertThat(Values.parseNumber("123456789012345678901234567890")
                        .orElseThrow()
                        .display())
                .isEqualTo("123456789012345678901234567890");
        assertThat(Values.parseNumber("9223372036854775807").orElseThrow().display())
                .isEqualTo("9223372036854775807");
    }

    @Test
    void rejectsWhatIsNotAPlainNumber() {
        for (String text :
                List.of("", " ", "abc", "1,000", "1.2.3", "$5", "1e", "e5", ".", "-", "0x10", "1e9999999999", "NaN")) {
            assertThat(Values.parseNumber(text)).as(text).isEmpty();
        }
    }

    @Test
    void arithmeticCoercion() {
        assertThat(Values.asNumber(NullValue.NULL)).contains(IntegerValue.ZERO);
        assertThat(Values.asNumber(new TextValue("  "))).contains(IntegerValue.ZERO);
        assertThat(Values.asNumber(new TextValue("2.5"))).contains(NumberValue.of(new BigDecimal("2.5")));
        assertThat(Values.asNumber(BooleanValue.TRUE)).isEmpty();
        assertThat(Values.asNumber(ListValue.EMPTY)).isEmpty();
        assertThat(Values.asNumber(MapValue.EMPTY)).isEqualTo(Optional.empty());
        assertThat(Values.toLong(new TextValue("12"))).isEqualTo(12);
        assertThat(Values.toInt(IntegerValue.of(7))).isEqualTo(7);
        assertThatThrownBy(() -> Values.toNumber(new TextValue("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a number but got the text \"x\"");
        assertThatThrownBy(() -> Values.toLong(NumberValue.of(new BigDecimal("1.5"))))
                .hasMessage("expected a whole number but got the number 1.5");
        assertThatThrownBy(() -> Values.toInt(IntegerValue.of(1L << 40))).hasMessageContaining("too large");
    }

    @Test
    void numbersAreBoundedToAThousandDigits() {
        for (NumberValue[] operands : List.of(
                new NumberValue[] {IntegerValue.of(10), IntegerValue.of(1000)},
                new NumberValue[] {IntegerValue.of(10), IntegerValue.of(999_999_999)},
                new NumberValue[] {NumberValue.of(new BigDecimal("123456789.123")), IntegerValue.of(900)},
                new NumberValue[] {NumberValue.of(new BigDecimal("0.1")), IntegerValue.of(1001)},
                new NumberValue[] {IntegerValue.of(10), IntegerValue.of(-1001)})) {
            assertThatThrownBy(() -> Values.power(operands[0], operands[1]))
                    .as("%s ^ %s", operands[0].display(), operands[1].display())
                    .isInstanceOf(ArithmeticException.class)
                    .hasMessage("the result has more than 1000 digits");
        }
        NumberValue big = Values.power(IntegerValue.of(10), IntegerValue.of(600));
        assertThatThrownBy(() -> Values.multiply(big, big)).hasMessage("the result has more than 1000 digits");
        assertThat(Values.parseNumber("1e1000")).isEmpty(); // 1001 digits
        assertThat(Values.parseNumber("1e999")).isPresent(); // 1000 digits
    }

    @Test
    void describesValuesForMessages() {
        assertThat(Values.describe(NullValue.NULL)).isEqualTo("NULL");
        assertThat(Values.describe(new TextValue("say \"hi\""))).isEqualTo("the text \"say \"\"hi\"\"\"");
        assertThat(Values.describe(new TextValue("x".repeat(100)))).hasSize("the text \"\"".length() + 60);
        assertThat(Values.describe(ListValue.EMPTY)).isEqualTo("an empty list");
        assertThat(Values.describe(MapValue.EMPTY)).isEqualTo("an empty map");
        assertThat(Values.describe(new MapValue(Map.of("a", IntegerValue.ZERO))))
                .isEqualTo("a map with keys a");
        assertThat(Values.kind(BooleanValue.FALSE)).isEqualTo("a boolean");
    }

    @Test
    void exactOperations() {
        NumberValue max = IntegerValue.of(Long.MAX_VALUE);
        assertThat(Values.add(max, IntegerValue.of(1)).display()).isEqualTo("9223372036854775808");
        assertThat(Values.multiply(IntegerValue.of(-1), IntegerValue.of(Long.MIN_VALUE))
                        .display())
                .isEqualTo("9223372036854775808");
        assertThat(Values.multiply(IntegerValue.of(3_000_000_000L), IntegerValue.of(3)))
                .isEqualTo(IntegerValue.of(9_000_000_000L));
        assertThat(Values.divide(IntegerValue.of(Long.MIN_VALUE), IntegerValue.of(-1))
                        .display())
                .isEqualTo("9223372036854775808");
        assertThat(Values.modulo(IntegerValue.of(Long.MIN_VALUE), IntegerValue.of(-1)))
                .isEqualTo(IntegerValue.ZERO);
        assertThat(Values.power(IntegerValue.of(10), IntegerValue.of(999)).display())
                .isEqualTo("1" + "0".repeat(999));
        assertThat(Values.power(IntegerValue.of(2), IntegerValue.of(1000)).display())
                .hasSize(302);
        assertThat(Values.power(IntegerValue.of(2), IntegerValue.of(-3)))
                .isEqualTo(NumberValue.of(new BigDecimal("0.125")));
        assertThat(Values.compareNumbers(IntegerValue.of(1), NumberValue.of(new BigDecimal("1.0"))))
                .isZero();
        assertThatThrownBy(() -> Values.divide(IntegerValue.of(1), IntegerValue.ZERO))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("division by zero");
    }
}
