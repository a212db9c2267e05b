package com.example.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() {
        Value value = JsonReader.read(
                " {\"s\": \"text\", \"i\": -42, \"d\": 2.50, \"e\": 1e3, \"t\": true, \"f\": false, \"n\": null,"
                        + " \"l\": [], \"m\": {}} ");

        assertThat(value).isInstanceOf(MapValue.class);
        MapValue map = (MapValue) value;
        assertThat(map.entries().keySet()).containsExactly("s", "i", "d", "e", "t", "f", "n", "l", "m");
        assertThat(map.entries())
                .containsEntry("s", Value.text("text"))
                .containsEntry("i", Value.number(-42))
                .containsEntry("d", Value.of(new BigDecimal("2.5")))
                .containsEntry("e", Value.number(1000))
                .containsEntry("t", Value.of(true))
                .containsEntry("f", Value.of(false))
                .containsEntry("n", Value.nullValue())
                .containsEntry("l", ListValue.EMPTY)
                .containsEntry("m", MapValue.EMPTY);
    }

    @Test
    void numbersStayExact() {
        assertThat(JsonReader.read("0.1")).isEqualTo(Value.of(new BigDecimal("0.1")));
        assertThat(JsonReader.read("12345678901234567890")).isInstanceOf(DecimalValue.class);
        assertThat(JsonReader.read("9223372036854775807")).isEqualTo(IntegerValue.of(Long.MAX_VALUE));
        assertThat(JsonReader.read("-0")).isEqualTo(Value.number(0));
    }

    @Test
    void decodesEscapesAndSurrogatePairs() {
        assertThat(JsonReader.read("\"a\\\"b\\\\c\\/d\\n\\t\\u00e7\\ud83d\\ude00\""))
                .isEqualTo(Value.text("a\"b\\c/d\n\tç😀"));
    }

    @Test
    void aRepeatedKeyKeepsItsFirstPlaceAndItsLastValue() {
        MapValue map = (MapValue) JsonReader.read("{\"a\": 1, \"b\": 2, \"a\": 3}");

        assertThat(map.entries().keySet()).containsExactly("a", "b");
        assertThat(map.entries()).containsEntry("a", Value.number(3));
    }

    @Test
    void nestingIsLimited() {
        String deep = "[".repeat(JsonReader.MAX_DEPTH + 2) + "]".repeat(JsonReader.MAX_DEPTH + 2);
        String fine = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);

        assertThat(JsonReader.read(fine)).isInstanceOf(ListValue.class);
        assertThatThrownBy(() -> JsonReader.read(deep))
                .isInstanceOf(JsonReader.JsonException.class)
                .hasMessageContaining("nested deeper than " + JsonReader.MAX_DEPTH);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|the document ends where a value was expected at offset 0",
                "{\"a\" 1}|expected ':', found '1' at offset 5",
                "[1,]|unexpected ']' where a value was expected at offset 3",
                "[1 2]|expected ',' or ']' in an array, found '2' at offset 3",
                "{\"a\":1,}|expected a member name in quotes, found '}' at offset 7",
                "tru|unexpected 't' where a value was expected at offset 0",
                "01|unexpected '1' after the document at offset 1",
                "1.|a number needs digits after '.' at offset 2",
                "-|a number needs digits after '-' at offset 1",
                "1e|a number needs digits in its exponent at offset 2",
                "1e99999|the number 1e99999 is out of range (exponent beyond 1000) at offset 0",
                "\"abc|the document ends inside a string at offset 4",
                "\"\\x\"|unknown escape \\x at offset 2",
                "\"\\u12zz\"|\\u must be followed by four hexadecimal digits at offset 3",
                "{} {}|unexpected '{' after the document at offset 3",
            })
    void invalidDocumentsSayWhatAndWhere(String document, String message) {
        assertThatThrownBy(() -> JsonReader.read(document))
                .isInstanceOf(JsonReader.JsonException.class)
                .hasMessage(message);
    }

    @Test
    void aRawControlCharacterInAStringIsRefused() {
        assertThatThrownBy(() -> JsonReader.read("\"a\nb\""))
                .isInstanceOf(JsonReader.JsonException.class)
                .hasMessage("a control character (U+000A) must be escaped in a string at offset 2");
    }

    @Test
    void listsKeepTheirOrder() {
        assertThat(JsonReader.read("[3, \"two\", [1]]"))
                .isEqualTo(new ListValue(
                        List.of(Value.number(3), Value.text("two"), new ListValue(List.of(Value.number(1))))));
    }
}
