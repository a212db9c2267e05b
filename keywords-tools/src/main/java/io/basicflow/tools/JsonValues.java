package io.basicflow.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between basicflow values and Jackson trees, one-to-one and exact for numbers. */
final class JsonValues {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {}

    /**
     * Parses JSON text.
     *
     * @param text the JSON text
     * @return the value
     * @throws JsonProcessingException when the text is not one JSON value
     */
    static Value parse(String text) throws JsonProcessingException {
        return toValue(MAPPER.readTree(text));
    }

    static Value toValue(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL, MISSING -> NullValue.NULL;
            case BOOLEAN -> BooleanValue.of(node.booleanValue());
            case NUMBER ->
                node.isIntegralNumber()
                        ? NumberValue.of(new BigDecimal(node.bigIntegerValue()))
                        : NumberValue.of(node.decimalValue());
            case STRING -> new TextValue(node.textValue());
            case ARRAY -> {
                List<Value> elements = new ArrayList<>(node.size());
                node.forEach(element -> elements.add(toValue(element)));
                yield new ListValue(elements);
            }
            case OBJECT -> {
                Map<String, Value> entries = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    entries.put(field.getKey(), toValue(field.getValue()));
                }
                yield new MapValue(entries);
            }
            case BINARY, POJO -> new TextValue(node.asText());
        };
    }

    static JsonNode toJson(Value value) {
        return switch (value) {
            case NullValue ignored -> NODES.nullNode();
            case BooleanValue bool -> NODES.booleanNode(bool.value());
            case IntegerValue number -> NODES.numberNode(number.value());
            case DecimalValue number -> NODES.numberNode(number.value());
            case TextValue text -> NODES.textNode(text.value());
            case ListValue list -> {
                ArrayNode array = NODES.arrayNode(list.elements().size());
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
}
