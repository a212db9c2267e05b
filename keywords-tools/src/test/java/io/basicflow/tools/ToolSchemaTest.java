package io.basicflow.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ToolSchemaTest {

    // Exact decimals, as the schema holds them (52.52 is a BigDecimal there, not a double).
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static Stream<Arguments> goldenSchemas() {
        return Stream.of(
                Arguments.of("open-ticket.json", Signatures.openTicket()),
                Arguments.of("every-type.json", Signatures.everyType()),
                Arguments.of("bare.json", Signatures.bare()),
                Arguments.of("typed-examples.json", Signatures.typedExamples()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenSchemas")
    void schemaMatchesTheGoldenFileKeyForKeyAndInOrder(String golden, ToolSignature signature) throws IOException {
        JsonNode expected = golden(golden);

        JsonNode actual = ToolSchema.toJson(signature);

        // Compact text compares content and key order (the order an LLM host shows properties in).
        assertThat(MAPPER.writeValueAsString(actual)).isEqualTo(MAPPER.writeValueAsString(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenSchemas")
    void valueFormAndJsonFormCarryTheSameSchema(String golden, ToolSignature signature) throws IOException {
        MapValue value = ToolSchema.toValue(signature);

        assertThat(JsonValues.toValue(ToolSchema.toJson(signature))).isEqualTo(value);
        assertThat(Json.write(value)).isEqualTo(MAPPER.writeValueAsString(ToolSchema.toJson(signature)));
    }

    @Test
    void listResultWrapsToolsInMcpToolsListShape() throws IOException {
        MapValue result = ToolSchema.listResult(List.of(Signatures.bare(), Signatures.openTicket()));

        ListValue tools = (ListValue) result.find("tools").orElseThrow();
        assertThat(result.entries().keySet()).containsExactly("tools");
        assertThat(tools.elements())
                .extracting(tool -> ((MapValue) tool).find("name").orElseThrow())
                .containsExactly(Value.text("ping"), Value.text("helpdesk/open-ticket"));
        assertThat(MAPPER.readTree(Json.write(tools.elements().get(1)))).isEqualTo(golden("open-ticket.json"));
    }

    @Test
    void anExampleThatDoesNotFitItsTypeIsKeptAsWrittenAndWarnedAbout() {
        ToolSignature signature = Signatures.typedExamples();

        MapValue birthday =
                ToolSchema.propertySchema(signature.parameter("birthday").orElseThrow());

        assertThat(birthday.find("examples")).contains(new ListValue(List.of(Value.text("23/09/2001"))));
        assertThat(signature.warnings())
                .singleElement()
                .asString()
                .contains("typed-examples.bas:7:1")
                .contains("'birthday'")
                .contains("YYYY-MM-DD");
    }

    @Test
    void aLiteralDefaultIsPublishedAndMakesTheParameterOptional() {
        Step.Param limit = new Step.Param(
                SourceSpan.of(2, 1, 30),
                "limit",
                "INTEGER",
                Optional.empty(),
                Optional.empty(),
                true,
                List.of(),
                Optional.of(new Expression("10", new Expr.Literal(IntegerValue.of(10)), SourceSpan.of(2, 27, 2))));
        ToolSignature signature = ToolSignature.from(
                "paged", TestPrograms.program("paged.bas", TestPrograms.param(1, "query", "STRING"), limit));

        MapValue schema = ToolSchema.inputSchema(signature);

        MapValue property = (MapValue) ((MapValue) schema.find("properties").orElseThrow())
                .find("limit")
                .orElseThrow();
        assertThat(property.find("default")).contains(IntegerValue.of(10));
        assertThat(schema.find("required")).contains(new ListValue(List.of(Value.text("query"))));
    }

    @Test
    void theInputSchemaIsTheObjectSchemaAlone() {
        MapValue inputSchema = ToolSchema.inputSchema(Signatures.openTicket());

        assertThat(inputSchema.entries().keySet())
                .containsExactly("type", "properties", "required", "additionalProperties");
        assertThat(inputSchema)
                .isEqualTo(ToolSchema.toValue(Signatures.openTicket())
                        .find("inputSchema")
                        .orElseThrow());
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = ToolSchemaTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return MAPPER.readTree(in);
        }
    }
}
