package io.basicflow.engine.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.Optional;

/** How a child execution ended, as delivered to its parent. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChildResult.Returned.class, name = "returned"),
    @JsonSubTypes.Type(value = ChildResult.Failed.class, name = "failed")
})
public sealed interface ChildResult {

    /**
     * The child completed.
     *
     * @param value its {@code RETURN} value, if it returned one
     */
    record Returned(Optional<Value> value) implements ChildResult {
        /**
         * Validates the value.
         *
         * @param value not null; a {@code NULL} value is dropped
         */
        public Returned {
            value = requireNonNull(value, "value is null").filter(returned -> returned != NullValue.NULL);
        }
    }

    /**
     * The child failed or was cancelled; the parent fails too.
     *
     * @param message the child's error, naming its script, line and column
     */
    record Failed(String message) implements ChildResult {
        /**
         * Validates the message.
         *
         * @param message not null
         */
        public Failed {
            requireNonNull(message, "message is null");
        }
    }
}
