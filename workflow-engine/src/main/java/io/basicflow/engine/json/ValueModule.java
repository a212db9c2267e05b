package io.basicflow.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
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
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jackson support for {@link Value}: a value is written as the plain JSON it stands for ({@code
 * null}, {@code true}, {@code 42}, {@code 0.1}, {@code "text"}, arrays, objects in insertion order)
 * and read back into an equal value.
 *
 * <p>Exactness: an {@link IntegerValue} is written as a JSON integer and a {@link DecimalValue} as a
 * JSON number with its exact {@link BigDecimal} digits and scale ({@code 0.30}, {@code 1E+20}, a
 * whole decimal as {@code 5E0}), so that it never reads back as an integer; reading keeps every digit
 * (no {@code double} on the way). Every value therefore round-trips to an equal value. An integer
 * literal too large for a {@code long} (only found in JSON from elsewhere) reads as the canonical
 * {@link NumberValue#of(BigDecimal)}.
 */
public final class ValueModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** Creates the module. */
    public ValueModule() {
        super("basicflow-values");
        addSerializer(Value.class, new ValueSerializer());
        ValueDeserializer deserializer = new ValueDeserializer();
        addDeserializer(Value.class, deserializer);
        addDeserializer(NullValue.class, typed(deserializer, NullValue.class));
        addDeserializer(BooleanValue.class, typed(deserializer, BooleanValue.class));
        addDeserializer(NumberValue.class, typed(deserializer, NumberValue.class));
        addDeserializer(IntegerValue.class, typed(deserializer, IntegerValue.class));
        addDeserializer(DecimalValue.class, typed(deserializer, DecimalValue.class));
        addDeserializer(TextValue.class, typed(deserializer, TextValue.class));
        addDeserializer(ListValue.class, typed(deserializer, ListValue.class));
        addDeserializer(MapValue.class, typed(deserializer, MapValue.class));
    }

    private static <T extends Value> JsonDeserializer<T> typed(ValueDeserializer values, Class<T> type) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return cast(values.deserialize(parser, context), type, parser);
            }

            @Override
            public T getNullValue(DeserializationContext context) {
                return type.isInstance(NullValue.NULL) ? type.cast(NullValue.NULL) : null;
            }
        };
    }

    private static <T extends Value> T cast(Value value, Class<T> type, JsonParser parser) throws IOException {
        if (!type.isInstance(value)) {
            throw new JsonParseException(
                    parser,
                    "expected a " + type.getSimpleName() + ", found "
                            + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }

    /** Writes values as plain JSON. */
    static final class ValueSerializer extends JsonSerializer<Value> {
        @Override
        public void serialize(Value value, JsonGenerator out, SerializerProvider provider) throws IOException {
            write(value, out);
        }

        @Override
        public Class<Value> handledType() {
            return Value.class;
        }

        static void write(Value value, JsonGenerator out) throws IOException {
            switch (value) {
                case NullValue ignored -> out.writeNull();
                case BooleanValue bool -> out.writeBoolean(bool.value());
                case IntegerValue number -> out.writeNumber(number.value());
                case DecimalValue number -> writeDecimal(number.value(), out);
                case TextValue text -> out.writeString(text.value());
                case ListValue list -> {
                    out.writeStartArray();
                    for (Value element : list.elements()) {
                        write(element, out);
                    }
                    out.writeEndArray();
                }
                case MapValue map -> {
                    out.writeStartObject();
                    for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
                        out.writeFieldName(entry.getKey());
                        write(entry.getValue(), out);
                    }
                    out.writeEndObject();
                }
            }
        }

        private static void writeDecimal(BigDecimal decimal, JsonGenerator out) throws IOException {
            out.writeNumber(decimalText(decimal));
        }

        /**
         * The JSON text of a decimal: toString keeps the scale exactly (0.30 stays 0.30, 1E+20 stays
         * 1E+20); a whole number written without a point or exponent would read back as an integer,
         * so it gets one.
         */
        static String decimalText(BigDecimal decimal) {
            String text = decimal.toString();
            if (text.indexOf('.') < 0 && text.indexOf('E') < 0) {
                text = text + "E0";
            }
            return text;
        }
    }

    /** Reads plain JSON into values, keeping every digit of numbers. */
    static final class ValueDeserializer extends JsonDeserializer<Value> {
        @Override
        public Value deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return read(parser, context);
        }

        @Override
        public Value getNullValue(DeserializationContext context) {
            return NullValue.NULL;
        }

        static Value read(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == null) {
                token = parser.nextToken();
            }
            return switch (token) {
                case VALUE_NULL -> NullValue.NULL;
                case VALUE_TRUE -> BooleanValue.TRUE;
                case VALUE_FALSE -> BooleanValue.FALSE;
                case VALUE_STRING -> new TextValue(parser.getText());
                case VALUE_NUMBER_INT -> integer(parser);
                case VALUE_NUMBER_FLOAT -> new DecimalValue(parser.getDecimalValue());
                case START_ARRAY -> {
                    List<Value> elements = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        elements.add(read(parser, context));
                    }
                    yield new ListValue(elements);
                }
                case START_OBJECT, FIELD_NAME -> {
                    Map<String, Value> entries = new LinkedHashMap<>();
                    JsonToken next = token == JsonToken.FIELD_NAME ? token : parser.nextToken();
                    while (next == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        parser.nextToken();
                        entries.put(key, read(parser, context));
                        next = parser.nextToken();
                    }
                    yield new MapValue(entries);
                }
                default ->
                    throw MismatchedInputException.from(
                            parser, Value.class, "unexpected " + token + " where a value was expected");
            };
        }

        private static Value integer(JsonParser parser) throws IOException {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                BigInteger big = parser.getBigIntegerValue();
                return NumberValue.of(new BigDecimal(big));
            }
            return IntegerValue.of(parser.getLongValue());
        }
    }
}
