package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tool's signature as JSON Schema, in the shape of an entry of MCP's {@code tools/list} result:
 *
 * <pre>{@code
 * {"name": "create-ticket",
 *  "description": "Opens a support ticket",
 *  "inputSchema": {"type": "object",
 *                  "properties": {"title": {"type": "string", "description": "…", "examples": ["…"]}},
 *                  "required": ["title"],
 *                  "additionalProperties": false}}
 * }</pre>
 *
 * <p>Type mapping ({@link ParameterType}): STRING/TEXT/NAME → {@code string}; INTEGER/INT → {@code
 * integer}; NUMBER/FLOAT/DECIMAL/DOUBLE/MONEY → {@code number}; BOOLEAN → {@code boolean}; DATE →
 * {@code string} with {@code format: date}; TIME/HOUR → {@code string} with an {@code HH:MM} {@code
 * pattern}; EMAIL → {@code format: email}; URL/URI → {@code format: uri}; UUID → {@code format:
 * uuid}; PHONE/MOBILE and ZIPCODE → {@code string} with a {@code pattern}; a list of choices →
 * {@code string} with {@code enum}; OBJECT/MAP → {@code object}; ARRAY/LIST → {@code array}; any
 * other type name → {@code string}. {@code DESCRIPTION} → {@code description}; {@code LIKE} →
 * {@code examples} (converted to the parameter's type when it fits, else kept as written); {@code
 * OPTIONAL} (or a {@code DEFAULT}) → left out of {@code required}; a literal {@code DEFAULT} → {@code
 * default}. A tool with no {@code DESCRIPTION} has no {@code
 * description} key (MCP makes it optional). Properties keep the declared order; {@code required} is
 * always present, possibly empty.
 *
 * <p>The {@link MapValue} form is what scripts and the engine hold; {@link #toJson(ToolSignature)}
 * gives the same content as a Jackson tree for the HTTP API.
 */
public final class ToolSchema {

    /** What a {@code TIME} parameter accepts: {@code H:MM} or {@code HH:MM}, 24-hour clock. */
    public static final String TIME_REGEX = "^([01]?[0-9]|2[0-3]):[0-5][0-9]$";

    /**
     * What a {@code PHONE} parameter accepts: 7 to 15 digits (E.164's maximum), optionally led by
     * {@code +}, with spaces, dots, dashes and parentheses between them.
     */
    public static final String PHONE_REGEX = "^\\+?(?:[ ().-]*[0-9]){7,15}[ ().-]*$";

    /**
     * What a {@code ZIPCODE} parameter accepts: 3 to 10 letters, digits, spaces or dashes, starting
     * and ending with a letter or digit (covers {@code 01310-100}, {@code 94105-1234}, {@code SW1A
     * 1AA}).
     */
    public static final String ZIPCODE_REGEX = "^[0-9A-Za-z][0-9A-Za-z -]{1,8}[0-9A-Za-z]$";

    static final Pattern PHONE_PATTERN = Pattern.compile(PHONE_REGEX);
    static final Pattern ZIPCODE_PATTERN = Pattern.compile(ZIPCODE_REGEX);

    private ToolSchema() {}

    /**
     * The tool as an MCP {@code tools/list} entry.
     *
     * @param signature the signature
     * @return {@code {name, description?, inputSchema}}
     */
    public static MapValue toValue(ToolSignature signature) {
        requireNonNull(signature, "signature is null");
        Map<String, Value> tool = new LinkedHashMap<>();
        tool.put("name", Value.text(signature.name()));
        signature.description().ifPresent(text -> tool.put("description", Value.text(text)));
        tool.put("inputSchema", inputSchema(signature));
        return new MapValue(tool);
    }

    /**
     * The JSON Schema of the tool's arguments.
     *
     * @param signature the signature
     * @return {@code {type: object, properties, required, additionalProperties: false}}
     */
    public static MapValue inputSchema(ToolSignature signature) {
        Map<String, Value> properties = new LinkedHashMap<>();
        List<Value> required = new ArrayList<>();
        for (ToolParameter parameter : signature.parameters()) {
            properties.put(parameter.name(), propertySchema(parameter));
            if (parameter.required()) {
                required.add(Value.text(parameter.name()));
            }
        }
        Map<String, Value> schema = new LinkedHashMap<>();
        schema.put("type", Value.text("object"));
        schema.put("properties", new MapValue(properties));
        schema.put("required", new ListValue(required));
        schema.put("additionalProperties", BooleanValue.FALSE);
        return new MapValue(schema);
    }

    /**
     * The JSON Schema of one parameter.
     *
     * @param parameter the parameter
     * @return the property schema
     */
    public static MapValue propertySchema(ToolParameter parameter) {
        Map<String, Value> property = new LinkedHashMap<>();
        switch (parameter.parameterType()) {
            case STRING, UNKNOWN -> property.put("type", Value.text("string"));
            case INTEGER -> property.put("type", Value.text("integer"));
            case NUMBER -> property.put("type", Value.text("number"));
            case BOOLEAN -> property.put("type", Value.text("boolean"));
            case DATE -> formatted(property, "format", "date");
            case TIME -> formatted(property, "pattern", TIME_REGEX);
            case EMAIL -> formatted(property, "format", "email");
            case URL -> formatted(property, "format", "uri");
            case UUID -> formatted(property, "format", "uuid");
            case PHONE -> formatted(property, "pattern", PHONE_REGEX);
            case ZIPCODE -> formatted(property, "pattern", ZIPCODE_REGEX);
            case ENUM -> {
                property.put("type", Value.text("string"));
                property.put(
                        "enum",
                        new ListValue(parameter.choices().stream()
                                .<Value>map(Value::text)
                                .toList()));
            }
            case OBJECT -> property.put("type", Value.text("object"));
            case ARRAY -> property.put("type", Value.text("array"));
        }
        parameter.description().ifPresent(text -> property.put("description", Value.text(text)));
        parameter.example().ifPresent(example -> property.put("examples", new ListValue(List.of(example(parameter)))));
        parameter.defaultValue().ifPresent(value -> property.put("default", value));
        return new MapValue(property);
    }

    /**
     * The result of MCP's {@code tools/list} for some tools.
     *
     * @param signatures the tools, in the order to list them
     * @return {@code {tools: [...]}}
     */
    public static MapValue listResult(Collection<ToolSignature> signatures) {
        List<Value> tools = signatures.stream().<Value>map(ToolSchema::toValue).toList();
        return new MapValue(Map.of("tools", new ListValue(tools)));
    }

    /**
     * The tool as an MCP {@code tools/list} entry, as a Jackson tree.
     *
     * @param signature the signature
     * @return the same content as {@link #toValue(ToolSignature)}
     */
    public static ObjectNode toJson(ToolSignature signature) {
        return (ObjectNode) JsonValues.toJson(toValue(signature));
    }

    private static void formatted(Map<String, Value> property, String keyword, String value) {
        property.put("type", Value.text("string"));
        property.put(keyword, Value.text(value));
    }

    private static Value example(ToolParameter parameter) {
        String example = parameter.example().orElseThrow();
        return switch (ToolArguments.coerce(parameter, Value.text(example))) {
            case ToolArguments.Coercion.Accepted accepted -> accepted.value();
            case ToolArguments.Coercion.Rejected ignored -> Value.text(example);
        };
    }
}
