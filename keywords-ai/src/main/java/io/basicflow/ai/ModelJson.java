package io.basicflow.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** JSON in a chat model's answers: one shared mapper, and the object an answer holds. */
final class ModelJson {

    private ModelJson() {}

    /** Created on first use, not when the plugin is built at every start (an ObjectMapper is costly). */
    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /**
     * The JSON object in a model's answer: the text from its first {@code {} to its last {@code }}, so words or
     * a code fence around it are tolerated.
     *
     * @param answer the model's answer
     * @return the object, or empty when the answer holds none (no braces, not JSON, not an object)
     */
    static Optional<JsonNode> objectIn(String answer) {
        String json = answer.strip();
        int open = json.indexOf('{');
        int close = json.lastIndexOf('}');
        if (open < 0 || close <= open) {
            return Optional.empty();
        }
        try {
            JsonNode node = mapper().readTree(json.substring(open, close + 1));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
