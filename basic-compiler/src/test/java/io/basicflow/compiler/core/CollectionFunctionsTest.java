package io.basicflow.compiler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The list functions, with the examples of the General Bots reference pages where they give some. */
class CollectionFunctionsTest extends FunctionFixture {

    private static Map<String, Object> order(int id, Object total, String status) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", id);
        order.put("total", total);
        order.put("status", status);
        return order;
    }

    private static final List<Object> ORDERS = List.of(
            order(1, new java.math.BigDecimal("1200.10"), "open"),
            order(2, new java.math.BigDecimal("99.95"), "paid"),
            order(3, 1500, "open"));

    @Test
    void pushAndUnshiftGiveNewListsAndNullIsEmpty() {
        assertThat(show("PUSH", List.of(1), 2, 3)).isEqualTo(show("ARRAY", 1, 2, 3));
        assertThat(show("PUSH", null, "a")).isEqualTo(show("ARRAY", "a"));
        assertThat(show("UNSHIFT", List.of(2), 1)).isEqualTo(show("ARRAY", 1, 2));
    }

    @Test
    void popAndShiftReadTheEnds() {
        assertThat(call("POP", List.of(1, 2, 3))).isEqualTo(value(3));
        assertThat(call("SHIFT", List.of(1, 2, 3))).isEqualTo(value(1));
        assertThat(call("POP", List.of())).isEqualTo(NullValue.NULL);
    }

    @Test
    void sliceCountsFromZeroAndFromTheEnd() {
        assertThat(show("SLICE", List.of(1, 2, 3, 4, 5), 1, 3)).isEqualTo(show("ARRAY", 2, 3));
        assertThat(show("SLICE", List.of(1, 2, 3, 4, 5), -2)).isEqualTo(show("ARRAY", 4, 5));
        assertThat(show("SLICE", List.of(1, 2, 3), 5)).isEqualTo(show("ARRAY"));
        assertThat(call("SLICE", "abcdef", 1, -1)).isEqualTo(new TextValue("bcde"));
    }

    @Test
    void sortOrdersNumbersByValueTextsByCharacterAndMapsByAField() {
        assertThat(show("SORT", List.of(10, new java.math.BigDecimal("2.5"), 3, 1)))
                .isEqualTo("[1,2.5,3,10]");
        assertThat(show("SORT", List.of("b", "a", "C"), "DESC")).isEqualTo("[\"b\",\"a\",\"C\"]");
        assertThat(show("MAP", call("SORT", ORDERS, "total"), "id").toString()).isEqualTo("[2,1,3]");
    }

    @Test
    void filterTakesAnExpressionOfItemOrTheShortForm() {
        assertThat(show("FILTER", List.of(85, 92, 67, 78), "item >= 70")).isEqualTo("[85,92,78]");
        assertThat(show("MAP", call("FILTER", ORDERS, "item.total > 1000 AND item.status = 'open'"), "id"))
                .isEqualTo("[1,3]");
        assertThat(show("MAP", call("FILTER", ORDERS, "total<1000"), "id")).isEqualTo("[2]");
        assertThat(show("MAP", call("FILTER", ORDERS, "status=open"), "id")).isEqualTo("[1,3]");
        assertFails("FILTER", ORDERS, "item.total >").hasMessageContaining("not an expression of item");
    }

    @Test
    void mapTakesAFieldOrAnExpressionWithExactDecimals() {
        assertThat(show("MAP", List.of(100, new java.math.BigDecimal("0.1")), "item * 1.1"))
                .isEqualTo("[110,0.11]");
        assertThat(show("MAP", ORDERS, "status")).isEqualTo("[\"open\",\"paid\",\"open\"]");
    }

    @Test
    void aggregateIsExact() {
        assertThat(show("AGGREGATE", "SUM", ORDERS, "total")).isEqualTo("2800.05");
        assertThat(show("AGGREGATE", "avg", ORDERS, "total")).isEqualTo("933.35");
        assertThat(show("AGGREGATE", "COUNT", ORDERS, "missing")).isEqualTo("0");
        assertThat(show("AGGREGATE", "MAX", ORDERS, "total")).isEqualTo("1500");
        assertFails("AGGREGATE", "MEDIAN", ORDERS, "total").hasMessageContaining("SUM, AVG, COUNT, MIN or MAX");
    }

    @Test
    void groupByKeysKeepFirstAppearance() {
        assertThat(show("KEYS", call("GROUPBY", ORDERS, "status"))).isEqualTo("[\"open\",\"paid\"]");
    }

    @Test
    void uniqueComparesAsEqualsDoes() {
        assertThat(show("UNIQUE", List.of(1, 2, 1, "2", 3))).isEqualTo("[1,2,3]");
    }

    @Test
    void nvlTypeofAndLike() {
        assertThat(call("NVL", null, "x")).isEqualTo(new TextValue("x"));
        assertThat(call("NVL", 0, "x")).isEqualTo(value(0));
        assertThat(call("TYPEOF", Map.of())).isEqualTo(new TextValue("object"));
        assertThat(call("TYPEOF", List.of())).isEqualTo(new TextValue("array"));
        assertThat(call("TYPEOF", (Object) null)).isEqualTo(new TextValue("null"));
        assertThat(call("LIKE", "John Smith", "john*")).isEqualTo(BooleanValue.TRUE);
        assertThat(call("LIKE", "a.c", "a?c")).isEqualTo(BooleanValue.TRUE);
        assertThat(call("LIKE", "abc", "a.c")).isEqualTo(BooleanValue.FALSE);
    }

    @Test
    void firstAndLastOfATextAreWords() {
        assertThat(call("FIRST", "search books about Rust")).isEqualTo(new TextValue("search"));
        assertThat(call("LAST", "search books about Rust")).isEqualTo(new TextValue("Rust"));
    }
}
