package io.basicflow.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.util.Optional;

/**
 * The JSON form of engine data: {@link Value}s, {@link ExecutionSnapshot}s and {@link
 * ExecutionEvent}s. Every one of them round-trips exactly: {@code read(write(x)).equals(x)}. Times
 * are ISO-8601 text with nanoseconds, numbers keep all their digits (see {@link ValueModule}).
 */
public final class EngineJson {

    // A shared pool of parser and generator buffers: activations run on virtual threads, each new, so
    // Jackson's default thread-local pool kept nothing between them and every read or write allocated
    // its buffers afresh.
    private static final ObjectMapper MAPPER = configure(JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                    .build()))
            .build();
    private static final EventWriter EVENTS = new EventWriter(MAPPER);
    private static final SnapshotWriter SNAPSHOTS = new SnapshotWriter(MAPPER);
    private static final SnapshotReader SNAPSHOT_READER = new SnapshotReader(MAPPER);

    private EngineJson() {}

    /**
     * A mapper configured for engine data; share it, it is thread-safe.
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Configures a mapper builder for engine data (for hosts that build their own mapper).
     *
     * @param builder the builder
     * @return the same builder
     */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder.addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(new ValueModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /**
     * Writes a snapshot.
     *
     * @param snapshot the state
     * @return its JSON
     */
    public static String write(ExecutionSnapshot snapshot) {
        try {
            return SNAPSHOTS.write(snapshot);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the snapshot of " + snapshot.executionId() + " as JSON", e);
        }
    }

    /**
     * Writes an event.
     *
     * @param event the event
     * @return its JSON, with a {@code type} property naming the kind
     */
    public static String write(ExecutionEvent event) {
        try {
            return EVENTS.write(event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Writes a value as plain JSON.
     *
     * @param value the value
     * @return its JSON
     */
    public static String write(Value value) {
        return writeObject(value);
    }

    /**
     * Reads a snapshot.
     *
     * @param json the JSON
     * @return the state
     * @throws IllegalArgumentException when the JSON is not a snapshot
     */
    public static ExecutionSnapshot readSnapshot(String json) {
        Optional<ExecutionSnapshot> read = SNAPSHOT_READER.tryRead(json);
        return read.isPresent() ? read.get() : read(json, ExecutionSnapshot.class);
    }

    /**
     * Reads an event.
     *
     * @param json the JSON
     * @return the event
     * @throws IllegalArgumentException when the JSON is not an event
     */
    public static ExecutionEvent readEvent(String json) {
        return read(json, ExecutionEvent.class);
    }

    /**
     * Reads a value.
     *
     * @param json the JSON
     * @return the value
     * @throws IllegalArgumentException when the text is not JSON
     */
    public static Value readValue(String json) {
        return read(json, Value.class);
    }

    private static String writeObject(Object object) {
        try {
            return MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + object.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not a valid " + type.getSimpleName() + " in JSON: " + e.getOriginalMessage(), e);
        }
    }
}
