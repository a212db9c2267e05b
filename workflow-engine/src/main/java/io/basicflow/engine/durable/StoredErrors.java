package io.basicflow.engine.durable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.engine.api.ExecutionError;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.spi.program.SourceSpan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code error} column: an {@link ExecutionError} of the API as JSON ({@code message}, {@code
 * line}, {@code column}, {@code keyword}, {@code kind}), readable by SQL and by the API alike.
 */
final class StoredErrors {

    private StoredErrors() {}

    static String write(io.basicflow.engine.state.ExecutionError error, Optional<String> keyword) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("message", error.message());
        json.put("line", error.span().map(SourceSpan::line).orElse(0));
        json.put("column", error.span().map(SourceSpan::column).orElse(0));
        json.put("keyword", keyword.orElse(null));
        json.put("kind", error.kind().name());
        try {
            return EngineJson.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error as JSON", e);
        }
    }

    static ExecutionError read(String json) {
        try {
            JsonNode node = EngineJson.mapper().readTree(json);
            JsonNode keyword = node.path("keyword");
            return new ExecutionError(
                    node.path("message").asText(""),
                    node.path("line").asInt(0),
                    node.path("column").asInt(0),
                    keyword.isTextual() ? Optional.of(keyword.asText()) : Optional.empty());
        } catch (JsonProcessingException e) {
            return new ExecutionError("unreadable stored error: " + json, 0, 0, Optional.empty());
        }
    }
}
