package io.basicflow.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the API: one configured Jackson mapper, and the exact mapping between basicflow values
 * and JSON. Numbers stay exact both ways ({@link BigDecimal}, never {@code double}); duplicate keys
 * and trailing content are refused.
 */
final class Json {

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Json() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * Parses a request body.
     *
     * @throws ApiProblem {@link ProblemType#INVALID_JSON} with the line and column of the mistake
     */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new ApiProblem(ProblemType.INVALID_JSON, "the request body is empty; send a JSON object");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new ApiProblem(ProblemType.INVALID_JSON, "the request body is empty; send a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new ApiProblem(
                    ProblemType.INVALID_JSON,
                    "the request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            // Bytes that are no text in any encoding JSON allows (e.g. a UTF-32 guess gone wrong).
            throw new ApiProblem(
                    ProblemType.INVALID_JSON,
                    "the request body is not valid JSON: it is not UTF-8 text (" + e.getMessage() + ")");
        }
    }

    /** Parses JSON the engine produced; text that is not JSON is kept as a string. */
    static JsonNode parseOrText(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return node == null || node.isMissingNode() ? NODES.textNode(json) : node;
        } catch (JsonProcessingException e) {
            return NODES.textNode(json);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A value as plain JSON: NULL → null, numbers exact, lists → arrays, maps → objects. */
    static JsonNode toJson(Value value) {
        return switch (value) {
            case NullValue ignored -> NODES.nullNode();
            case BooleanValue bool -> NODES.booleanNode(bool.value());
            case IntegerValue number -> NODES.numberNode(number.value());
            case DecimalValue number -> NODES.numberNode(number.value());
            case TextValue text -> NODES.textNode(text.value());
            case ListValue list -> {
                ArrayNode array = NODES.arrayNode();
                list.elements().forEach(element -> array.add(toJson(element)));
                yield array;
            }
            case MapValue map -> {
                ObjectNode object = NODES.objectNode();
                map.entries().forEach((key, entry) -> object.set(key, toJson(entry)));
                yield object;
            }
        };
    }

    static ObjectNode toJson(Map<String, Value> variables) {
        ObjectNode object = NODES.objectNode();
        variables.forEach((name, value) -> object.set(name, toJson(value)));
        return object;
    }

    /**
     * JSON as a value: null → NULL, integers that fit a long → integers, other numbers → exact
     * decimals, arrays → lists, objects → maps (order kept).
     *
     * @param node the JSON
     * @param pointer where the node is in the request, for the error message
     */
    static Value toValue(JsonNode node, String pointer) {
        return switch (node.getNodeType()) {
            case NULL -> Value.nullValue();
            case BOOLEAN -> BooleanValue.of(node.booleanValue());
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    yield node.canConvertToLong()
                            ? NumberValue.of(node.longValue())
                            : NumberValue.of(new BigDecimal(node.bigIntegerValue()));
                }
                yield NumberValue.of(node.decimalValue());
            }
            case STRING -> Value.text(node.textValue());
            case ARRAY -> {
                List<Value> elements = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    elements.add(toValue(node.get(i), pointer + "/" + i));
                }
                yield new ListValue(elements);
            }
            case OBJECT -> {
                Map<String, Value> entries = new LinkedHashMap<>();
                node.properties()
                        .forEach(entry -> entries.put(
                                entry.getKey(), toValue(entry.getValue(), pointer + "/" + escape(entry.getKey()))));
                yield new MapValue(entries);
            }
            case BINARY, POJO, MISSING ->
                throw ApiProblem.invalidMember(pointer, "'" + pointer + "' is not plain JSON");
        };
    }

    /** Escapes a member name for a JSON pointer (RFC 6901). */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
