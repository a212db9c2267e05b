package io.basicflow.compiler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.InputValidator;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every built-in HEAR type: what it accepts, how it normalises, what it rejects and says. */
class InputTypesTest {

    /** 2026-11-25 18:09 in São Paulo. */
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-25T21:09:00Z"), ZoneId.of("America/Sao_Paulo"));

    private static final Map<String, InputTypeDefinition> TYPES = new HashMap<>();

    static {
        for (InputTypeDefinition type : new CorePlugin().inputTypes()) {
            TYPES.put(type.name(), type);
            for (String alias : type.aliases()) {
                TYPES.put(alias, type);
            }
        }
    }

    private static InputValidator.Result validate(String type, String input) {
        return TYPES.get(type).validator().validate(input, CLOCK);
    }

    private static Value accepted(String type, String input) {
        InputValidator.Result result = validate(type, input);
        assertThat(result).as("%s accepts \"%s\"", type, input).isInstanceOf(InputValidator.Accepted.class);
        return ((InputValidator.Accepted) result).value();
    }

    private static String rejected(String type, String input) {
        InputValidator.Result result = validate(type, input);
        assertThat(result).as("%s rejects \"%s\"", type, input).isInstanceOf(InputValidator.Rejected.class);
        return ((InputValidator.Rejected) result).message();
    }

    private static Value number(String decimal) {
        return NumberValue.of(new BigDecimal(decimal));
    }

    @Test
    void everyTypeOfTheLanguageIsDeclared() {
        assertThat(TYPES)
                .containsKeys(
                        "STRING", "TEXT", "INTEGER", "NUMBER", "FLOAT", "DECIMAL", "BOOLEAN", "EMAIL", "DATE", "HOUR",
                        "TIME", "MONEY", "MOBILE", "PHONE", "ZIPCODE", "URL", "UUID", "NAME");
    }

    @Test
    void stringAcceptsAnythingTrimmed() {
        assertThat(accepted("STRING", "  hello there ")).isEqualTo(new TextValue("hello there"));
        assertThat(accepted("TEXT", "42")).isEqualTo(new TextValue("42"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "42|42",
                " -7 |-7",
                "+3|3",
                "1,234|1234",
                "1.234|1234",
                "1 234 567|1234567",
                "1.234.567|1234567",
                "3.0|3",
                "0|0"
            })
    void integerAcceptsWholeNumbers(String input, String expected) {
        assertThat(accepted("INTEGER", input)).isEqualTo(number(expected));
        assertThat(accepted("NUMBER", input)).isEqualTo(number(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.5", "abc", "", "12a", "1,23,4", "--1", "1e5"})
    void integerRejectsTheRest(String input) {
        assertThat(rejected("INTEGER", input)).isEqualTo("Please enter a whole number, like 42.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "3.5|3.5",
                "3,5|3.5",
                "0,125|0.125",
                "1,234.56|1234.56",
                "1.234,56|1234.56",
                "-0.5|-0.5",
                ".5|0.5",
                "1234|1234",
                "12,5|12.5"
            })
    void floatAcceptsDecimalsWithPointOrComma(String input, String expected) {
        assertThat(accepted("FLOAT", input)).isEqualTo(number(expected));
        assertThat(accepted("DECIMAL", input)).isEqualTo(number(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"three", "3.5.6,1", "1,2,3.4.5", "", "-", "3.5x"})
    void floatRejectsTheRest(String input) {
        assertThat(rejected("FLOAT", input)).isEqualTo("Please enter a number, like 3.5.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "Y", "Sim", "s", "TRUE", "1", "sí", "yes!"})
    void booleanYes(String input) {
        assertThat(accepted("BOOLEAN", input)).isEqualTo(BooleanValue.TRUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "N", "não", "NAO", "false", "0", " nao. "})
    void booleanNo(String input) {
        assertThat(accepted("BOOLEAN", input)).isEqualTo(BooleanValue.FALSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "", "yess", "2"})
    void booleanRejects(String input) {
        assertThat(rejected("BOOLEAN", input)).isEqualTo("Please answer yes or no.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Ana@Example.COM|ana@example.com",
                " john.doe+tag@mail.co.uk |john.doe+tag@mail.co.uk",
                "mailto:x@y.io|x@y.io"
            })
    void emailAcceptsAndLowerCases(String input, String expected) {
        assertThat(accepted("EMAIL", input)).isEqualTo(new TextValue(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ana",
                "ana@",
                "@example.com",
                "ana@example",
                "ana @example.com",
                "a@b@c.com",
                "ana..b@x.com",
                ".ana@x.com",
                "ana@-x.com",
                "ana@x.c"
            })
    void emailRejectsWithAnExample(String input) {
        assertThat(rejected("EMAIL", input)).isEqualTo("Please enter a valid e-mail address, like name@example.com.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-12-25|2026-12-25",
                "2026-3-5|2026-03-05",
                "25/12/2026|2026-12-25",
                "25-12-2026|2026-12-25",
                "25.12.2026|2026-12-25",
                "05/03/2026|2026-03-05",
                "12/25/2026|2026-12-25",
                "25/12/26|2026-12-25",
                "15/03/85|1985-03-15",
                "today|2026-11-25",
                "Hoje|2026-11-25",
                "tomorrow|2026-11-26",
                "amanhã|2026-11-26",
                "amanha|2026-11-26",
                "yesterday|2026-11-24",
                "ontem|2026-11-24",
                "25 December 2026|2026-12-25",
                "December 25, 2026|2026-12-25",
                "Dec 25 2026|2026-12-25",
                "25 de dezembro de 2026|2026-12-25",
                "3rd March|2026-03-03",
                "1º de março de 2027|2027-03-01",
                "2026-12-25T10:00:00|2026-12-25"
            })
    void dateAcceptsCommonFormsAsIso(String input, String expected) {
        assertThat(accepted("DATE", input)).isEqualTo(new TextValue(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"31/02/2026", "13/13/2026", "someday", "2026-13-01", "25/12", "32 December 2026", "next week"})
    void dateRejects(String input) {
        assertThat(rejected("DATE", input)).isEqualTo("Please enter a date, like 25/12/2026 or 2026-12-25.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "9|09:00",
                "9:30|09:30",
                "09h30|09:30",
                "9h|09:00",
                "9pm|21:00",
                "9:15 PM|21:15",
                "12am|00:00",
                "12pm|12:00",
                "21:05|21:05",
                "21.05|21:05",
                "21:05:59|21:05",
                "0:00|00:00",
                "noon|12:00",
                "meia-noite|00:00",
                "7 a.m.|07:00"
            })
    void hourAcceptsAndNormalises(String input, String expected) {
        assertThat(accepted("HOUR", input)).isEqualTo(new TextValue(expected));
        assertThat(accepted("TIME", input)).isEqualTo(new TextValue(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00", "9:60", "13pm", "0am", "half past nine", "", "9:5"})
    void hourRejects(String input) {
        assertThat(rejected("HOUR", input)).isEqualTo("Please enter a time, like 9:30, 14:00 or 9pm.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1234.56|1234.56",
                "1.234,56|1234.56",
                "R$ 1.234,56|1234.56",
                "$1,234.56|1234.56",
                "€12|12",
                "12,5|12.5",
                "1,234|1234",
                "USD 99.90|99.9",
                "-12.50|-12.5",
                "R$1.000.000,00|1000000"
            })
    void moneyAcceptsCommonNotations(String input, String expected) {
        assertThat(accepted("MONEY", input)).isEqualTo(number(expected));
    }

    @Test
    void moneyRejects() {
        assertThat(rejected("MONEY", "lots")).isEqualTo("Please enter an amount, like 1234.56 or 1.234,56.");
        assertThat(rejected("MONEY", "1.5555,1")).isEqualTo("Please enter an amount, like 1234.56 or 1.234,56.");
        assertThat(rejected("MONEY", "1,234.567"))
                .isEqualTo("Please enter an amount with at most two decimal places, like 1234.56.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "+55 11 99999-9999|+5511999999999",
                "(11) 99999-9999|11999999999",
                "0055 11 99999 9999|+5511999999999",
                "+1 (555) 123.4567|+15551234567",
                "99999999|99999999"
            })
    void phoneAcceptsAndNormalises(String input, String expected) {
        assertThat(accepted("MOBILE", input)).isEqualTo(new TextValue(expected));
        assertThat(accepted("PHONE", input)).isEqualTo(new TextValue(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567", "+1234567890123456", "call me", "11 9999x9999", ""})
    void phoneRejects(String input) {
        assertThat(rejected("PHONE", input))
                .isEqualTo("Please enter a phone number with 8 to 15 digits, like +55 11 99999-9999.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "12345|12345",
                "12345-6789|12345-6789",
                "01310-100|01310-100",
                "01310100|01310-100",
                "01.310-100|01310-100",
                "1000-001|1000-001",
                "1234|1234",
                "110001|110001",
                "k1a0b1|K1A 0B1",
                "sw1a 1aa|SW1A 1AA",
                "SW1A1AA|SW1A 1AA",
                "1234ab|1234 AB"
            })
    void zipCodeAcceptsCommonFormats(String input, String expected) {
        assertThat(accepted("ZIPCODE", input)).isEqualTo(new TextValue(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "abcde", "12345-67", "1234567890", ""})
    void zipCodeRejects(String input) {
        assertThat(rejected("ZIPCODE", input))
                .isEqualTo("Please enter a valid postal code, like 12345, 12345-6789 or 01310-100.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://example.com|https://example.com",
                "http://localhost:8080/x?y=1|http://localhost:8080/x?y=1",
                "www.example.com|https://www.example.com",
                "example.org/path|https://example.org/path",
                " HTTPS://Example.com/A |HTTPS://Example.com/A"
            })
    void urlAcceptsHttpAndHttps(String input, String expected) {
        assertThat(accepted("URL", input)).isEqualTo(new TextValue(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com",
                "not a url",
                "https://",
                "https://nodot",
                "javascript:alert(1)",
                "http://exa mple.com"
            })
    void urlRejects(String input) {
        assertThat(rejected("URL", input))
                .isEqualTo("Please enter a web address starting with http:// or https://, like https://example.com.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "123E4567-E89B-12D3-A456-426614174000|123e4567-e89b-12d3-a456-426614174000",
                "123e4567e89b12d3a456426614174000|123e4567-e89b-12d3-a456-426614174000",
                "{123e4567-e89b-12d3-a456-426614174000}|123e4567-e89b-12d3-a456-426614174000"
            })
    void uuidAcceptsAndLowerCases(String input, String expected) {
        assertThat(accepted("UUID", input)).isEqualTo(new TextValue(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "123e4567-e89b-12d3-a456",
                "zzze4567-e89b-12d3-a456-426614174000",
                "{123e4567-e89b-12d3-a456-426614174000"
            })
    void uuidRejects(String input) {
        assertThat(rejected("UUID", input))
                .isEqualTo("Please enter a UUID, like 123e4567-e89b-12d3-a456-426614174000.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "maria da silva|Maria da Silva",
                "  JOÃO   PEDRO  |João Pedro",
                "o'brien|O'Brien",
                "jean-luc picard|Jean-Luc Picard",
                "McDonald|McDonald",
                "Ana|Ana",
                "josé d’ávila|José D'Ávila",
                "john f. kennedy|John F. Kennedy"
            })
    void nameAcceptsAndNormalises(String input, String expected) {
        assertThat(accepted("NAME", input)).isEqualTo(new TextValue(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "R2D2", "ana@example.com", "", "-ana", "  "})
    void nameRejects(String input) {
        assertThat(rejected("NAME", input)).isEqualTo("Please enter a name using letters, like Maria da Silva.");
    }
}
