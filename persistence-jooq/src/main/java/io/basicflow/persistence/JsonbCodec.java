package io.basicflow.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jooq.JSON;

/**
 * Values to and from the {@code json} columns through Jackson, with exact numbers: decimals are read
 * as {@link java.math.BigDecimal} (never {@code double}), written in plain notation, and keep their
 * scale ({@code 1.50} stays {@code 1.50}). The columns are {@code json}, not {@code jsonb}, so
 * PostgreSQL keeps the text exactly as written (key order, number notation); {@code ->>} and casts
 * to {@code numeric} work on it all the same.
 */
final class JsonbCodec {

    private final ObjectMapper mapper;

    JsonbCodec() {
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /** Writes a value (a record, map, list, {@link JsonNode}, ...) as json. */
    JSON write(Object value) {
        try {
            return JSON.valueOf(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Cannot write a " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads json into a type; null for SQL NULL. */
    <T> T read(JSON json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json.data(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Stored JSON does not read as " + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads json as a tree; null for SQL NULL. */
    JsonNode readTree(JSON json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
