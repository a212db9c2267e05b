package io.basicflow.spi.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTest {

    @Test
    void equalNumbersHaveOneRepresentation() {
        assertThat(NumberValue.of(new BigDecimal("42.000"))).isEqualTo(IntegerValue.of(42));
        assertThat(NumberValue.of(new BigDecimal(Long.MAX_VALUE))).isEqualTo(IntegerValue.of(Long.MAX_VALUE));
        assertThat(NumberValue.of(new BigDecimal(Long.MIN_VALUE))).isEqualTo(IntegerValue.of(Long.MIN_VALUE));
        assertThat(NumberValue.of(new BigDecimal(Long.MAX_VALUE).add(BigDecimal.ONE)))
                .isInstanceOf(DecimalValue.class);
        assertThat(NumberValue.of(new BigDecimal("0.10"))).isEqualTo(new DecimalValue(new BigDecimal("0.1")));
        assertThat(NumberValue.of(new BigDecimal("0.000"))).isSameAs(IntegerValue.ZERO);
    }

    @Test
    void truthinessFollowsTheLanguage() {
        assertThat(NullValue.NULL.isTruthy()).isFalse();
        assertThat(BooleanValue.FALSE.isTruthy()).isFalse();
        assertThat(IntegerValue.ZERO.isTruthy()).isFalse();
        assertThat(TextValue.EMPTY.isTruthy()).isFalse();
        assertThat(ListValue.EMPTY.isTruthy()).isFalse();
        assertThat(MapValue.EMPTY.isTruthy()).isFalse();
        assertThat(Value.text("0").isTruthy()).isTrue();
        assertThat(Value.number(-1).isTruthy()).isTrue();
    }

    @Test
    void convertsFromJavaAndBack() {
        Map<String, Object> java = new LinkedHashMap<>();
        java.put("name", "Ana");
        java.put("age", 41);
        java.put("score", new BigDecimal("9.50"));
        java.put("tags", List.of("a", "b"));
        java.put("none", null);
        Value value = Value.of(java);
        assertThat(value.display())
                .isEqualTo("{\"name\":\"Ana\",\"age\":41,\"score\":9.5,\"tags\":[\"a\",\"b\"],\"none\":null}");
        assertThat(Value.of(value.toJava())).isEqualTo(value);
    }

    @Test
    void mapLookupIsExactThenCaseInsensitiveAndUpdatesKeepTheKey() {
        MapValue map = new MapValue(Map.of("strMeal", Value.text("Soup")));
        assertThat(map.find("strmeal")).contains(Value.text("Soup"));
        assertThat(map.with("STRMEAL", Value.text("Stew")).entries()).containsOnlyKeys("strMeal");
        assertThat(map.find("missing")).isEmpty();
    }

    @Test
    void jsonEscapesControlCharacters() {
        assertThat(Json.write(Value.text("a\"b\\c\nd\u0001"))).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
