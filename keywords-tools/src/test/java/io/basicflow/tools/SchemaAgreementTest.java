package io.basicflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the published schemas with an independent JSON Schema validator (networknt, draft 2020-12,
 * format assertions on): the schemas are valid JSON Schema, an LLM host that follows a schema gets
 * its call accepted, a call the schema forbids is refused unless a documented coercion gives it one
 * clear meaning, and whatever {@link ToolArguments} hands to the tool conforms to the schema.
 */
class SchemaAgreementTest {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final ToolSignature EVERY_TYPE = Signatures.everyType();
    private static final JsonSchema EVERY_TYPE_SCHEMA = compile(EVERY_TYPE);

    private static final String VALID_CALL = """
            {"title": "Quarterly report", "notes": "n", "customer": "Ana Silva", "quantity": 3, "count": 0,
             "latitude": 52.52, "ratio": 0.5, "rate": -1.25, "price": 1234.56, "urgent": false,
             "birthday": "2001-09-23", "start": "09:30", "hour": "7:05", "email": "ana.silva@example.com",
             "website": "https://example.com/a?b=c", "order_id": "123e4567-e89b-12d3-a456-426614174000",
             "phone": "+55 11 99999-8888", "mobile": "(555) 123-4567", "zip": "01310-100",
             "details": {"plan": "pro"}, "tags": ["a", 1], "document": "scan-1", "size": "small"}
            """;

    static Stream<Arguments> signatures() {
        return Stream.of(
                Arguments.of("open-ticket", Signatures.openTicket()),
                Arguments.of("every-type", Signatures.everyType()),
                Arguments.of("bare", Signatures.bare()),
                Arguments.of("typed-examples", Signatures.typedExamples()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signatures")
    void everyPublishedInputSchemaIsValidJsonSchema202012(String name, ToolSignature signature) {
        JsonSchema metaSchema =
                FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), CONFIG);

        assertThat(metaSchema.validate(ToolSchema.toJson(signature).get("inputSchema")))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            quantity | -5
            quantity | 10.0
            latitude | -90
            latitude | 13.41
            urgent   | true
            birthday | "2024-02-29"
            start    | "23:59"
            start    | "0:00"
            email    | "first.last+tag@sub.example.org"
            website  | "http://localhost:8080/x"
            website  | "mailto:ana@example.com"
            order_id | "123E4567-E89B-12D3-A456-426614174000"
            phone    | "5511999998888"
            phone    | "+1-555-123-4567"
            zip      | "SW1A 1AA"
            zip      | "94105"
            details  | {}
            details  | {"a": {"b": [1]}}
            tags     | []
            document | "any text at all"
            size     | "large"
            """)
    void aCallThatFollowsTheSchemaIsAcceptedAndStaysValid(String parameter, String json) throws Exception {
        ObjectNode call = callWith(parameter, json);
        assertThat(EVERY_TYPE_SCHEMA.validate(call))
                .as("the schema accepts the call")
                .isEmpty();

        Map<String, Value> variables = ToolArguments.validate(EVERY_TYPE, arguments(call));

        assertThat(EVERY_TYPE_SCHEMA.validate(asJson(variables)))
                .as("what the tool receives conforms to the schema")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            quantity | 4.5
            quantity | "many"
            quantity | true
            latitude | "north"
            latitude | [1]
            urgent   | "maybe"
            birthday | "23/09/2001"
            birthday | "2023-02-29"
            start    | "24:00"
            start    | "9:5"
            email    | "not-an-address"
            email    | "a b@example.com"
            website  | "example.com/page"
            order_id | "123e4567"
            phone    | "12-34"
            phone    | "call me"
            zip      | "1"
            zip      | "!!!"
            details  | [1]
            details  | "plan=pro"
            tags     | {"a": 1}
            size     | "medium"
            title    | [1, 2]
            title    | {"a": 1}
            extra    | "not a parameter"
            """)
    void aCallTheSchemaForbidsIsRefusedNamingTheParameter(String parameter, String json) throws Exception {
        ObjectNode call = callWith(parameter, json);
        assertThat(EVERY_TYPE_SCHEMA.validate(call))
                .as("the schema refuses the call")
                .isNotEmpty();

        ToolArgumentException refused = catchThrowableOfType(
                ToolArgumentException.class, () -> ToolArguments.validate(EVERY_TYPE, arguments(call)));

        assertThat(refused).as("ToolArguments refuses it too").isNotNull();
        assertThat(refused.problems())
                .singleElement()
                .extracting(ToolArgumentException.Problem::parameter)
                .isEqualTo(parameter);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            quantity | "42"
            latitude | "52.52"
            urgent   | "yes"
            title    | 42
            size     | "LARGE"
            details  | "{\\"plan\\": \\"pro\\"}"
            tags     | "[1, 2]"
            phone    | 5511999998888
            zip      | 94105
            """)
    void aCoercedCallBecomesOneTheSchemaAccepts(String parameter, String json) throws Exception {
        ObjectNode call = callWith(parameter, json);
        assertThat(EVERY_TYPE_SCHEMA.validate(call))
                .as("the schema alone refuses the call")
                .isNotEmpty();

        Map<String, Value> variables = ToolArguments.validate(EVERY_TYPE, arguments(call));

        assertThat(EVERY_TYPE_SCHEMA.validate(asJson(variables))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signatures")
    void leavingOutEveryOptionalParameterIsValidForBothSides(String name, ToolSignature signature) throws Exception {
        Map<String, Value> call = new LinkedHashMap<>();
        MapValue valid = (MapValue) JsonValues.parse(VALID_CALL);
        for (ToolParameter parameter : signature.parameters()) {
            if (parameter.required()) {
                call.put(parameter.name(), valid.find(parameter.name()).orElseGet(() -> sample(parameter)));
            }
        }
        Set<ValidationMessage> schemaSays = compile(signature).validate(JsonValues.toJson(new MapValue(call)));

        Map<String, Value> variables = ToolArguments.validate(signature, call);

        assertThat(schemaSays).isEmpty();
        assertThat(variables.keySet()).hasSize(signature.parameters().size());
        assertThat(compile(signature).validate(asJson(variables))).isEmpty();
    }

    /** A value for a parameter that the sample call lacks: its first choice or its typed example. */
    private static Value sample(ToolParameter parameter) {
        if (!parameter.choices().isEmpty()) {
            return Value.text(parameter.choices().getFirst());
        }
        Value examples = ToolSchema.propertySchema(parameter).find("examples").orElseThrow();
        return ((io.basicflow.spi.value.ListValue) examples).elements().getFirst();
    }

    private static JsonSchema compile(ToolSignature signature) {
        return FACTORY.getSchema(ToolSchema.toJson(signature).get("inputSchema"), CONFIG);
    }

    private static ObjectNode callWith(String parameter, String json) throws JsonProcessingException {
        ObjectNode call = (ObjectNode) JsonValues.MAPPER.readTree(VALID_CALL);
        call.set(parameter, JsonValues.MAPPER.readTree(json));
        return call;
    }

    private static Map<String, Value> arguments(JsonNode call) {
        return ((MapValue) JsonValues.toValue(call)).entries();
    }

    /** The tool's variables as JSON arguments: left-out optional parameters (NULL) are absent. */
    private static JsonNode asJson(Map<String, Value> variables) {
        Map<String, Value> present = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (!(value instanceof NullValue)) {
                present.put(name, value);
            }
        });
        return JsonValues.toJson(new MapValue(present));
    }
}
