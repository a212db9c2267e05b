package io.basicflow.engine.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.ValueLimitException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values from outside keep the limits of values computed in a script, and say where they break one. */
class IncomingValuesTest {

    private static Value nested(int depth) {
        Value value = NumberValue.of(1);
        for (int i = 0; i < depth; i++) {
            value = new ListValue(List.of(value));
        }
        return value;
    }

    @Test
    void aNumberOfABillionDigitsIsRefusedWithoutBeingWrittenOut() {
        Map<String, Value> variables = Map.of("a", NumberValue.of(new BigDecimal("1e999999999")));

        assertThatThrownBy(() -> IncomingValues.requireWithin(variables, Limits.DEFAULT))
                .isInstanceOfSatisfying(
                        ValueLimitException.class, e -> assertThat(e.pointer()).isEqualTo("/variables/a"))
                .hasMessageContaining("start variable 'a'")
                .hasMessageContaining("more than 1000 digits");
    }

    @Test
    void tinyFractionsAreRefusedToo() {
        assertThat(IncomingValues.problem(NumberValue.of(new BigDecimal("1e-5000")), Limits.DEFAULT))
                .hasValueSatisfying(problem -> assertThat(problem.message()).contains("1000 digits"));
        assertThat(IncomingValues.problem(NumberValue.of(new BigDecimal("1e999")), Limits.DEFAULT))
                .isEmpty();
    }

    @Test
    void nestingIsHeldToTheValueDepthLimit() {
        assertThat(IncomingValues.problem(nested(256), Limits.DEFAULT)).isEmpty();
        assertThatThrownBy(() -> IncomingValues.requireWithin(Map.of("deep", nested(300)), Limits.DEFAULT))
                .isInstanceOf(ValueLimitException.class)
                .hasMessageContaining("deeper than the limit of 256 levels");
    }

    @Test
    void aLongTextDeepInsideSaysWhereItIs() {
        Value value = new MapValue(Map.of(
                "items", new ListValue(List.of(new TextValue("ok"), new TextValue("x".repeat(300))))));

        assertThatThrownBy(() ->
                        IncomingValues.requireWithin(Map.of("order", value), Limits.DEFAULT.withMaxTextLength(100)))
                .isInstanceOfSatisfying(
                        ValueLimitException.class, e -> assertThat(e.pointer()).isEqualTo("/variables/order/items/1"))
                .hasMessageContaining("a text of 300 characters, more than the limit of 100");
    }

    @Test
    void variablesTogetherMayNotExceedTheVariablesLimit() {
        Map<String, Value> variables = Map.of(
                "a", new TextValue("x".repeat(600)),
                "b", new TextValue("y".repeat(600)));

        assertThatThrownBy(() -> IncomingValues.requireWithin(variables, Limits.DEFAULT.withMaxVariableBytes(1000)))
                .isInstanceOf(ValueLimitException.class)
                .hasMessageContaining("together are larger than the limit of 1000 bytes");
    }
}
