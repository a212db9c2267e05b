package io.basicflow.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.json.EngineJson;

/** The {@code workflow_outbox.extras} column: a message's {@link MessageExtras} as JSON. */
final class MessageExtrasJson {

    private MessageExtrasJson() {}

    static String write(MessageExtras extras) {
        try {
            return EngineJson.mapper().writeValueAsString(extras);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a message's suggestions and file as JSON", e);
        }
    }

    static MessageExtras read(String json) {
        try {
            return EngineJson.mapper().readValue(json, MessageExtras.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the outbox holds a message whose extras are not valid JSON: " + json, e);
        }
    }
}
