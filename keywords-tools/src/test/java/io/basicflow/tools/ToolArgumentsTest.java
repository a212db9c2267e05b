package io.basicflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.Value;
import io.basicflow.tools.ToolArgumentException.Kind;
import io.basicflow.tools.ToolArgumentException.Problem;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToolArgumentsTest {

    private static final ToolSignature TICKET = Signatures.openTicket();

    @Test
    void validNamedArgumentsBecomeEveryParameterInDeclaredOrder() {
        Map<String, Value> variables = ToolArguments.validate(
                TICKET, Map.of("priority", Value.text("high"), "title", Value.text("  Printer jammed ")));

        assertThat(variables)
                .containsExactly(
                        Map.entry("title", Value.text("  Printer jammed ")),
                        Map.entry("priority", Value.text("high")),
                        Map.entry("email", NullValue.NULL),
                        Map.entry("due", NullValue.NULL));
    }

    @Test
    void namesMatchIgnoringCaseAndBecomeTheDeclaredName() {
        Map<String, Value> variables =
                ToolArguments.validate(TICKET, Map.of("Title", Value.text("x"), "PRIORITY", Value.text("low")));

        assertThat(variables).containsEntry("title", Value.text("x")).containsEntry("priority", Value.text("low"));
    }

    @Test
    void everyProblemIsListedAtOnceWithParameterNamesAndUsage() {
        Map<String, Value> arguments = new LinkedHashMap<>();
        arguments.put("prio", Value.text("high"));
        arguments.put("email", Value.text("not-an-address"));
        arguments.put("due", Value.text("14/03/2025"));

        ToolArgumentException error =
                catchThrowableOfType(ToolArgumentException.class, () -> ToolArguments.validate(TICKET, arguments));

        assertThat(error.tool()).isEqualTo("helpdesk/open-ticket");
        assertThat(error.problems())
                .extracting(Problem::parameter, Problem::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("prio", Kind.UNKNOWN),
                        org.assertj.core.groups.Tuple.tuple("title", Kind.MISSING),
                        org.assertj.core.groups.Tuple.tuple("priority", Kind.MISSING),
                        org.assertj.core.groups.Tuple.tuple("email", Kind.BAD_FORMAT),
                        org.assertj.core.groups.Tuple.tuple("due", Kind.BAD_FORMAT));
        assertThat(error.getMessage())
                .startsWith("tool 'helpdesk/open-ticket' got 5 invalid arguments: ")
                .contains("unknown parameter 'prio' (did you mean 'priority'?); the tool takes title, priority, email,"
                        + " due")
                .contains("'title' is required but is missing (text)")
                .contains("'priority' is required but is missing (one of \"low\", \"medium\", \"high\")")
                .contains("'email' must be an e-mail address, got \"not-an-address\"")
                .contains("'due' must be a date as YYYY-MM-DD, got \"14/03/2025\"")
                .endsWith("Usage: helpdesk/open-ticket(title STRING, priority \"low\"|\"medium\"|\"high\", [email"
                        + " EMAIL], [due DATE])");
    }

    @Test
    void nullCountsAsLeftOut() {
        Map<String, Value> arguments = new LinkedHashMap<>();
        arguments.put("title", NullValue.NULL);
        arguments.put("priority", Value.text("low"));
        arguments.put("email", NullValue.NULL);

        assertThatThrownBy(() -> ToolArguments.validate(TICKET, arguments))
                .isInstanceOfSatisfying(
                        ToolArgumentException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(problem -> {
                            assertThat(problem.kind()).isEqualTo(Kind.MISSING);
                            assertThat(problem.message()).isEqualTo("'title' is required but was NULL (text)");
                        }));
    }

    @Test
    void theSameParameterGivenTwiceInDifferentCaseIsAProblem() {
        Map<String, Value> arguments = new LinkedHashMap<>();
        arguments.put("title", Value.text("a"));
        arguments.put("Title", Value.text("b"));
        arguments.put("priority", Value.text("low"));

        assertThatThrownBy(() -> ToolArguments.validate(TICKET, arguments))
                .isInstanceOfSatisfying(
                        ToolArgumentException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .isEqualTo(new Problem(
                                        "title",
                                        Kind.DUPLICATE,
                                        "'title' is given twice (as 'title' and as 'Title')")));
    }

    @Test
    void aToolWithoutParametersSaysSoForAnUnknownName() {
        assertThatThrownBy(() -> ToolArguments.validate(Signatures.bare(), Map.of("host", Value.text("x"))))
                .hasMessageContaining("unknown parameter 'host': the tool takes no parameters");
        assertThat(ToolArguments.validate(Signatures.bare(), Map.of())).isEmpty();
    }

    @Test
    void positionalArgumentsFollowTheDeclaredOrder() {
        Map<String, Value> variables = ToolArguments.validate(
                TICKET, List.of(Value.text("Printer jammed"), Value.text("MEDIUM"), Value.text("Ana@Example.com")));

        assertThat(variables)
                .containsExactly(
                        Map.entry("title", Value.text("Printer jammed")),
                        Map.entry("priority", Value.text("medium")),
                        Map.entry("email", Value.text("ana@example.com")),
                        Map.entry("due", NullValue.NULL));
    }

    @Test
    void tooManyPositionalArgumentsIsAProblem() {
        List<Value> arguments = List.of(
                Value.text("t"), Value.text("low"), Value.text("a@b.co"), Value.text("2025-01-01"), Value.text("x"));

        assertThatThrownBy(() -> ToolArguments.validate(TICKET, arguments))
                .isInstanceOfSatisfying(
                        ToolArgumentException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .isEqualTo(new Problem(
                                        "#5", Kind.TOO_MANY, "got 5 arguments but the tool takes at most 4")));
    }

    @Test
    void tooFewPositionalArgumentsLeavesRequiredOnesMissing() {
        assertThatThrownBy(() -> ToolArguments.validate(TICKET, List.of(Value.text("t"))))
                .isInstanceOfSatisfying(
                        ToolArgumentException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::parameter, Problem::kind)
                                .containsExactly(org.assertj.core.groups.Tuple.tuple("priority", Kind.MISSING)));
    }

    @Test
    void aSingleMapArgumentIsTakenAsNamedArguments() {
        MapValue named = new MapValue(Map.of("priority", Value.text("low"), "title", Value.text("t")));

        assertThat(ToolArguments.validate(TICKET, List.of(named)))
                .containsEntry("title", Value.text("t"))
                .containsEntry("priority", Value.text("low"));
    }

    @Test
    void aSingleMapArgumentForAnObjectFirstParameterStaysPositional() {
        ToolSignature signature = signature(
                ToolParameter.required("details", "OBJECT"),
                new ToolParameter("note", "STRING", Optional.empty(), Optional.empty(), true, List.of()));
        MapValue details = new MapValue(Map.of("plan", Value.text("pro")));

        assertThat(ToolArguments.validate(signature, List.of(details)))
                .containsEntry("details", details)
                .containsEntry("note", NullValue.NULL);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            INTEGER | '42'                          | 42
            INTEGER | ' -7 '                        | -7
            INTEGER | '1e3'                         | 1000
            INTEGER | '12.0'                        | 12
            NUMBER  | '4.50'                        | 4.5
            NUMBER  | '52.52'                       | 52.52
            MONEY   | '1234.56'                     | 1234.56
            BOOLEAN | 'true'                        | true
            BOOLEAN | 'Yes'                         | true
            BOOLEAN | 'sim'                         | true
            BOOLEAN | 'NÃO'                         | false
            BOOLEAN | '0'                           | false
            EMAIL   | ' Ana.Silva@Example.COM '     | ana.silva@example.com
            DATE    | '2024-02-29'                  | 2024-02-29
            TIME    | '9:05'                        | 09:05
            HOUR    | '23:59'                       | 23:59
            URL     | 'https://example.com/a?b=c'   | https://example.com/a?b=c
            UUID    | '123E4567-E89B-12D3-A456-426614174000' | 123e4567-e89b-12d3-a456-426614174000
            PHONE   | '+55 (11) 99999-8888'         | +5511999998888
            MOBILE  | '555.123.4567'                | 5551234567
            ZIPCODE | 'sw1a 1aa'                    | SW1A 1AA
            ZIPCODE | '01310-100'                   | 01310-100
            STRING  | '  kept as given  '           | '  kept as given  '
            QRCODE  | 'photo'                       | photo
            """)
    void textIsCoercedAndNormalisedWhereItHasOneClearMeaning(String type, String given, String expected) {
        ToolSignature signature = signature(ToolParameter.required("x", type));

        Value result = ToolArguments.validate(signature, Map.of("x", Value.text(given)))
                .get("x");

        assertThat(result.display()).isEqualTo(expected);
        switch (ParameterType.of(type, List.of())) {
            case INTEGER, NUMBER -> assertThat(result).isInstanceOf(NumberValue.class);
            case BOOLEAN -> assertThat(result).isInstanceOf(BooleanValue.class);
            default -> assertThat(result).isEqualTo(Value.text(expected));
        }
    }

    @Test
    void numbersAndBooleansBecomeTextWhereTextIsExpected() {
        ToolSignature signature = signature(
                ToolParameter.required("code", "STRING"),
                ToolParameter.required("flag", "TEXT"),
                ToolParameter.required("phone", "PHONE"),
                ToolParameter.required("zip", "ZIPCODE"),
                choice("level", "1", "2", "3"));

        Map<String, Value> variables = ToolArguments.validate(
                signature,
                List.of(
                        Value.number(42),
                        BooleanValue.TRUE,
                        Value.number(5511999998888L),
                        Value.number(94105),
                        Value.number(3)));

        assertThat(variables.values())
                .containsExactly(
                        Value.text("42"),
                        Value.text("true"),
                        Value.text("5511999998888"),
                        Value.text("94105"),
                        Value.text("3"));
    }

    @Test
    void numbersKeepTheirValueAndBooleansAcceptOneAndZero() {
        ToolSignature signature = signature(
                ToolParameter.required("count", "INTEGER"),
                ToolParameter.required("ratio", "NUMBER"),
                ToolParameter.required("on", "BOOLEAN"));

        Map<String, Value> variables = ToolArguments.validate(
                signature,
                List.of(
                        NumberValue.of(new BigDecimal("7.000")),
                        NumberValue.of(new BigDecimal("0.1")),
                        Value.number(1)));

        assertThat(variables.values())
                .containsExactly(Value.number(7), NumberValue.of(new BigDecimal("0.1")), BooleanValue.TRUE);
    }

    @Test
    void aChoiceMatchesIgnoringCaseOnlyWhenThatIsUnambiguous() {
        ToolSignature signature = signature(choice("unit", "celsius", "fahrenheit"), choice("mode", "a", "A"));

        assertThat(ToolArguments.validate(signature, List.of(Value.text("Celsius"), Value.text("A")))
                        .values())
                .containsExactly(Value.text("celsius"), Value.text("A"));
        assertThatThrownBy(() -> ToolArguments.validate(signature, List.of(Value.text("kelvin"), Value.text("a "))))
                .isInstanceOfSatisfying(
                        ToolArgumentException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        new Problem(
                                                "unit",
                                                Kind.NOT_IN_CHOICES,
                                                "'unit' must be one of \"celsius\", \"fahrenheit\", got \"kelvin\""),
                                        new Problem(
                                                "mode",
                                                Kind.NOT_IN_CHOICES,
                                                "'mode' must be one of \"a\", \"A\", got \"a \"")));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            INTEGER | 'ten'                  | WRONG_TYPE | 'x' must be a whole number, got "ten"
            INTEGER | '4.5'                  | WRONG_TYPE | 'x' must be a whole number, got "4.5"
            INTEGER | '0x10'                 | WRONG_TYPE | 'x' must be a whole number, got "0x10"
            NUMBER  | 'NaN'                  | WRONG_TYPE | 'x' must be a number, got "NaN"
            NUMBER  | '1,5'                  | WRONG_TYPE | 'x' must be a number, got "1,5"
            BOOLEAN | 'maybe'                | WRONG_TYPE | 'x' must be true or false, got "maybe"
            DATE    | '2023-02-29'           | BAD_FORMAT | 'x' must be a date as YYYY-MM-DD, got "2023-02-29"
            DATE    | '23/09/2001'           | BAD_FORMAT | 'x' must be a date as YYYY-MM-DD, got "23/09/2001"
            TIME    | '24:00'                | BAD_FORMAT | 'x' must be a time as HH:MM, got "24:00"
            TIME    | '9:5'                  | BAD_FORMAT | 'x' must be a time as HH:MM, got "9:5"
            EMAIL   | 'ana@localhost'        | BAD_FORMAT | 'x' must be an e-mail address, got "ana@localhost"
            EMAIL   | 'ana silva@example.com'| BAD_FORMAT | 'x' must be an e-mail address, got "ana silva@example.com"
            URL     | 'example.com/page'     | BAD_FORMAT | 'x' must be an absolute URL such as https://example.com/page, got "example.com/page"
            URL     | 'https:///nohost'      | BAD_FORMAT | 'x' must be an absolute URL such as https://example.com/page, got "https:///nohost"
            UUID    | '123e4567'             | BAD_FORMAT | 'x' must be a UUID such as 123e4567-e89b-12d3-a456-426614174000, got "123e4567"
            PHONE   | '12-34'                | BAD_FORMAT | 'x' must be a phone number of 7 to 15 digits, optionally starting with +, got "12-34"
            PHONE   | '+1 234 567 890 123 456'| BAD_FORMAT | 'x' must be a phone number of 7 to 15 digits, optionally starting with +, got "+1 234 567 890 123 456"
            ZIPCODE | '1'                    | BAD_FORMAT | 'x' must be a postal code of 3 to 10 letters, digits, spaces or dashes, got "1"
            OBJECT  | 'plan=pro'             | WRONG_TYPE | 'x' must be an object (a map), got "plan=pro"
            LIST    | 'a, b'                 | WRONG_TYPE | 'x' must be a list, got "a, b"
            """)
    void textThatDoesNotFitIsRefusedWithItsKind(String type, String given, Kind kind, String message) {
        ToolSignature signature = signature(ToolParameter.required("x", type));

        assertThatThrownBy(() -> ToolArguments.validate(signature, Map.of("x", Value.text(given))))
                .isInstanceOfSatisfying(
                        ToolArgumentException.class,
                        e -> assertThat(e.problems()).containsExactly(new Problem("x", kind, message)));
    }

    @Test
    void listsAndMapsAreRefusedWhereAScalarIsExpected() {
        ToolSignature signature = signature(
                ToolParameter.required("name", "STRING"),
                ToolParameter.required("age", "INTEGER"),
                ToolParameter.required("email", "EMAIL"),
                ToolParameter.required("on", "BOOLEAN"));
        ListValue list = new ListValue(List.of(Value.text("a"), Value.text("b")));
        MapValue map = new MapValue(Map.of("k", Value.text("v")));

        assertThatThrownBy(() -> ToolArguments.validate(signature, List.of(list, map, Value.number(5), list)))
                .isInstanceOfSatisfying(
                        ToolArgumentException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::message)
                                .containsExactly(
                                        "'name' must be text, got a list of 2",
                                        "'age' must be a whole number, got a map",
                                        "'email' must be an e-mail address, got 5",
                                        "'on' must be true or false, got a list of 2"));
    }

    @Test
    void jsonTextBecomesAMapOrListForObjectAndArrayParameters() {
        ToolSignature signature =
                signature(ToolParameter.required("details", "OBJECT"), ToolParameter.required("tags", "ARRAY"));

        Map<String, Value> variables = ToolArguments.validate(
                signature,
                List.of(Value.text(" {\"plan\": \"pro\", \"seats\": 5, \"rate\": 0.10} "), Value.text("[1, \"two\"]")));

        assertThat(variables.get("details"))
                .isEqualTo(new MapValue(Map.of(
                        "plan",
                        Value.text("pro"),
                        "seats",
                        Value.number(5),
                        "rate",
                        NumberValue.of(new BigDecimal("0.1")))));
        assertThat(variables.get("tags")).isEqualTo(new ListValue(List.of(Value.number(1), Value.text("two"))));
    }

    @Test
    void invalidJsonTextForAnObjectSaysItIsNotValidJson() {
        ToolSignature signature = signature(ToolParameter.required("details", "OBJECT"));

        assertThatThrownBy(() -> ToolArguments.validate(signature, Map.of("details", Value.text("{name: 'John'}"))))
                .isInstanceOfSatisfying(
                        ToolArgumentException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(problem -> {
                            assertThat(problem.kind()).isEqualTo(Kind.WRONG_TYPE);
                            assertThat(problem.message())
                                    .startsWith(
                                            "'details' must be an object (a map), got text that is not valid JSON (");
                        }));
        assertThatThrownBy(() -> ToolArguments.validate(signature, Map.of("details", Value.text("[1, 2]"))))
                .hasMessageContaining("'details' must be an object (a map), got \"[1, 2]\"");
    }

    @Test
    void anEnormousNumberIsShownInScientificNotationNotWrittenOut() {
        ToolSignature signature =
                signature(ToolParameter.required("note", "STRING"), ToolParameter.required("on", "BOOLEAN"));
        Value enormous = NumberValue.of(new BigDecimal("1E+999999999"));

        assertThatThrownBy(() -> ToolArguments.validate(signature, List.of(enormous, enormous)))
                .isInstanceOfSatisfying(
                        ToolArgumentException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .extracting(Problem::message)
                                .isEqualTo("'on' must be true or false, got 1E+999999999"));
        assertThat(ToolArguments.validate(signature, List.of(enormous, BooleanValue.TRUE)))
                .containsEntry("note", Value.text("1E+999999999"));
    }

    private static ToolSignature signature(ToolParameter... parameters) {
        return new ToolSignature("t", Optional.of("a test tool"), List.of(parameters), List.of());
    }

    private static ToolParameter choice(String name, String... choices) {
        return new ToolParameter(name, "ENUM", Optional.empty(), Optional.empty(), false, List.of(choices));
    }
}
