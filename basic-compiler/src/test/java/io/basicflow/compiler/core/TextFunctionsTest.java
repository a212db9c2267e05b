package io.basicflow.compiler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextFunctionsTest extends FunctionFixture {

    @Test
    void upperAndLowerWithTheirAliases() {
        assertThat(show("UPPER", "São Paulo")).isEqualTo("SÃO PAULO");
        assertThat(show("UCASE", "abc")).isEqualTo("ABC");
        assertThat(show("LOWER", "ÁRVORE Ii")).isEqualTo("árvore ii");
        assertThat(show("LCASE", "MiXeD")).isEqualTo("mixed");
        assertThat(show("UPPER", (Object) null)).isEmpty();
        assertThat(show("UPPER", 12.5)).isEqualTo("12.5");
    }

    @Test
    void trimFamily() {
        assertThat(show("TRIM", "  a b \t\n")).isEqualTo("a b");
        assertThat(show("LTRIM", "  a  ")).isEqualTo("a  ");
        assertThat(show("RTRIM", "  a  ")).isEqualTo("  a");
    }

    @Test
    void leftAndRightCountCharacters() {
        assertThat(show("LEFT", "hello", 2)).isEqualTo("he");
        assertThat(show("LEFT", "hello", 0)).isEmpty();
        assertThat(show("LEFT", "hi", 10)).isEqualTo("hi");
        assertThat(show("RIGHT", "hello", 3)).isEqualTo("llo");
        assertThat(show("RIGHT", "hi", 10)).isEqualTo("hi");
        assertThat(show("LEFT", "👋ab", 1)).isEqualTo("👋");
        assertThat(show("RIGHT", "ab👋", 1)).isEqualTo("👋");
        assertThat(show("LEFT", null, 3)).isEmpty();
    }

    @Test
    void leftAndRightOnLists() {
        assertThat(call("LEFT", List.of(1, 2, 3), 2)).isEqualTo(value(List.of(1, 2)));
        assertThat(call("RIGHT", List.of(1, 2, 3), 2)).isEqualTo(value(List.of(2, 3)));
        assertThat(call("RIGHT", List.of(1), 5)).isEqualTo(value(List.of(1)));
    }

    @Test
    void leftRejectsNegativeOrFractionalCounts() {
        assertFails("LEFT", "abc", -1).hasMessage("the count must not be negative, but is -1 in 'LEFT(\"abc\", -1)'");
        assertFails("RIGHT", "abc", 1.5)
                .hasMessageContaining("the count must be a whole number, but is the number 1.5");
        assertFails("LEFT", "abc", "x").hasMessageContaining("the count must be a number, but is the text \"x\"");
        assertFails("LEFT", List.of(1), -2).hasMessageContaining("must not be negative");
    }

    @Test
    void midIsOneBasedOnTexts() {
        assertThat(show("MID", "abc", 2, 1)).isEqualTo("b");
        assertThat(show("MID", "abcdef", 3)).isEqualTo("cdef");
        assertThat(show("MID", "abc", 3, 10)).isEqualTo("c");
        assertThat(show("MID", "abc", 4)).isEmpty();
        assertThat(show("MID", "abc", 2, 0)).isEmpty();
        assertThat(show("MID", "a👋bc", 2, 2)).isEqualTo("👋b");
        assertFails("MID", "abc", 0).hasMessageContaining("the start position counts from 1, but is 0");
        assertFails("MID", "abc", 1, -1).hasMessageContaining("the length must not be negative");
    }

    @Test
    void midIsZeroBasedOnLists() {
        List<Integer> numbers = List.of(10, 11, 12, 13, 14);
        assertThat(call("MID", numbers, 0, 2)).isEqualTo(value(List.of(10, 11)));
        assertThat(call("MID", numbers, 4, 100)).isEqualTo(value(List.of(14)));
        assertThat(call("MID", numbers, 2)).isEqualTo(value(List.of(12, 13, 14)));
        assertThat(call("MID", numbers, 9, 2)).isEqualTo(value(List.of()));
    }

    @Test
    void instrIsOneBasedAndZeroWhenAbsent() {
        assertThat(call("INSTR", "hello world", "o")).isEqualTo(IntegerValue.of(5));
        assertThat(call("INSTR", "hello world", "z")).isEqualTo(IntegerValue.ZERO);
        assertThat(call("INSTR", "hello", "H")).isEqualTo(IntegerValue.ZERO);
        assertThat(call("INSTR", 6, "hello world", "o")).isEqualTo(IntegerValue.of(8));
        assertThat(call("INSTR", 99, "hello", "o")).isEqualTo(IntegerValue.ZERO);
        assertThat(call("INSTR", "👋 hi", "hi")).isEqualTo(IntegerValue.of(3));
        assertThat(call("INSTR", "abc", "")).isEqualTo(IntegerValue.of(1));
        assertFails("INSTR", 0, "abc", "a").hasMessageContaining("counts from 1");
    }

    @Test
    void replaceIsLiteralAndReplacesAll() {
        assertThat(show("REPLACE", "a-b-c", "-", "")).isEqualTo("abc");
        assertThat(show("REPLACE", "Hello {name}, {name}!", "{name}", "Ana")).isEqualTo("Hello Ana, Ana!");
        assertThat(show("REPLACE", "a.b", ".", "[.]")).isEqualTo("a[.]b");
        assertThat(show("REPLACE", "abc", "", "x")).isEqualTo("abc");
        assertThat(show("REPLACE", "aAa", "a", "b")).isEqualTo("bAb");
    }

    @Test
    void splitKeepsPartsAsTheyAre() {
        assertThat(call("SPLIT", "1, 2,3", ",")).isEqualTo(value(List.of("1", " 2", "3")));
        assertThat(call("SPLIT", "a,b")).isEqualTo(value(List.of("a", "b")));
        assertThat(call("SPLIT", "a::b::", "::")).isEqualTo(value(List.of("a", "b", "")));
        assertThat(call("SPLIT", "", ",")).isEqualTo(value(List.of()));
        assertThat(call("SPLIT", null, ",")).isEqualTo(value(List.of()));
        assertThat(call("SPLIT", "a👋", "")).isEqualTo(value(List.of("a", "👋")));
        assertThat(call("SPLIT", "no separator", ";")).isEqualTo(value(List.of("no separator")));
    }

    @Test
    void startsAndEndsWith() {
        assertThat(call("STARTSWITH", "basicflow", "basic")).isEqualTo(BooleanValue.TRUE);
        assertThat(call("STARTSWITH", "basicflow", "Basic")).isEqualTo(BooleanValue.FALSE);
        assertThat(call("ENDSWITH", "report.pdf", ".pdf")).isEqualTo(BooleanValue.TRUE);
        assertThat(call("ENDSWITH", "report.pdf", ".doc")).isEqualTo(BooleanValue.FALSE);
    }

    @Test
    void containsOnTextsListsAndMaps() {
        assertThat(call("CONTAINS", "partly cloudy", "cloud")).isEqualTo(BooleanValue.TRUE);
        assertThat(call("CONTAINS", "partly cloudy", "Cloud")).isEqualTo(BooleanValue.FALSE);
        assertThat(call("CONTAINS", List.of("1", "7"), "7")).isEqualTo(BooleanValue.TRUE);
        assertThat(call("CONTAINS", List.of("1", "7"), 7)).isEqualTo(BooleanValue.TRUE);
        assertThat(call("CONTAINS", List.of("1", " 7"), "7")).isEqualTo(BooleanValue.FALSE);
        assertThat(call("CONTAINS", Map.of("Key", 1), "key")).isEqualTo(BooleanValue.TRUE);
        assertThat(call("CONTAINS", Map.of("Key", 1), "other")).isEqualTo(BooleanValue.FALSE);
        assertThat(call("CONTAINS", null, "x")).isEqualTo(BooleanValue.FALSE);
        assertThat(call("CONTAINS", 12345, 34)).isEqualTo(BooleanValue.TRUE);
    }

    @Test
    void listsAreNotTexts() {
        assertFails("UPPER", List.of("a"))
                .hasMessage("the text must be a text, but is a list of 1 element in" + " 'UPPER([\"a\"])'");
        assertThat(call("TRIM", " x ")).isEqualTo(new TextValue("x"));
    }
}
