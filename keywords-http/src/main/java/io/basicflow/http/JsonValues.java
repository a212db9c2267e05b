package io.basicflow.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.basicflow.spi.value.Value;

/** JSON answers as values: objects become maps (in the answer's order), arrays lists. */
final class JsonValues {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonValues() {}

    /**
     * Reads JSON text.
     *
     * @throws IllegalArgumentException when the text is not JSON, with the reason
     */
    static Value read(String text) {
        if (text.isBlank()) {
            return Value.nullValue();
        }
        try {
            return Value.of(MAPPER.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        }
    }
}
