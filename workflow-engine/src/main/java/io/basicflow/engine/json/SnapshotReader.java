package io.basicflow.engine.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.state.ExecutionStatus;
import io.basicflow.engine.state.FrameSnapshot;
import io.basicflow.engine.state.PendingWait;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the snapshots that {@link SnapshotWriter} (and the mapper before it) writes with the streaming
 * parser instead of the mapper's reflective record deserializer: a durable execution's snapshot is read
 * at each claim, and through the mapper that was a twentieth of the dialog benchmark's JVM CPU.
 *
 * <p>It reads only the exact shape the writers produce: every property of the record once (in any
 * order), frames with their {@code frame} name first. Anything else — an older snapshot without {@code messages}, an
 * unknown property, a wrong type, a value the records refuse — is {@linkplain #tryRead not read} here,
 * and {@link EngineJson#readSnapshot} reads it with the mapper, so what it accepts, how it fills the
 * gaps and the errors it gives stay the mapper's. The pending wait and the error (present only in a
 * waiting or failed execution) are read by the mapper from the same parser.
 */
final class SnapshotReader {

    private static final int ALL = (1 << 14) - 1;

    private final ObjectMapper mapper;

    SnapshotReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Reads a snapshot of the writers' shape.
     *
     * @param json the JSON
     * @return the snapshot, or empty when the text is not exactly of that shape (the mapper then reads
     *     it, or says what is wrong with it)
     */
    Optional<ExecutionSnapshot> tryRead(String json) {
        try (JsonParser parser = mapper.createParser(json)) {
            ExecutionSnapshot snapshot = snapshot(parser);
            return parser.nextToken() == null ? Optional.of(snapshot) : Optional.empty();
        } catch (IOException | RuntimeException notTheWritersShape) {
            return Optional.empty();
        }
    }

    private ExecutionSnapshot snapshot(JsonParser parser) throws IOException {
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        String executionId = null;
        String script = null;
        String fingerprint = null;
        ExecutionStatus status = null;
        Map<String, Value> variables = null;
        List<FrameSnapshot> frames = null;
        Optional<PendingWait> pending = Optional.empty();
        Optional<Value> result = Optional.empty();
        Optional<ExecutionError> error = Optional.empty();
        List<String> tools = null;
        long sequence = 0;
        long steps = 0;
        long messages = 0;
        long historyBytes = 0;
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            int bit;
            switch (name) {
                case "executionId" -> {
                    bit = 0;
                    executionId = text(parser, token);
                }
                case "script" -> {
                    bit = 1;
                    script = text(parser, token);
                }
                case "programFingerprint" -> {
                    bit = 2;
                    fingerprint = text(parser, token);
                }
                case "status" -> {
                    bit = 3;
                    status = ExecutionStatus.valueOf(text(parser, token));
                }
                case "variables" -> {
                    bit = 4;
                    variables = entries(parser, token);
                }
                case "frames" -> {
                    bit = 5;
                    expect(token, JsonToken.START_ARRAY);
                    frames = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        frames.add(frame(parser));
                    }
                }
                case "pending" -> {
                    bit = 6;
                    if (token != JsonToken.VALUE_NULL) {
                        expect(token, JsonToken.START_OBJECT);
                        pending = Optional.of(mapper.readValue(parser, PendingWait.class));
                    }
                }
                case "result" -> {
                    bit = 7;
                    result = token == JsonToken.VALUE_NULL
                            ? Optional.empty()
                            : Optional.of(ValueModule.ValueDeserializer.read(parser, null));
                }
                case "error" -> {
                    bit = 8;
                    if (token != JsonToken.VALUE_NULL) {
                        expect(token, JsonToken.START_OBJECT);
                        error = Optional.of(mapper.readValue(parser, ExecutionError.class));
                    }
                }
                case "tools" -> {
                    bit = 9;
                    expect(token, JsonToken.START_ARRAY);
                    tools = new ArrayList<>();
                    for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                        tools.add(text(parser, next));
                    }
                }
                case "sequence" -> {
                    bit = 10;
                    sequence = whole(parser, token);
                }
                case "steps" -> {
                    bit = 11;
                    steps = whole(parser, token);
                }
                case "messages" -> {
                    bit = 12;
                    messages = whole(parser, token);
                }
                case "historyBytes" -> {
                    bit = 13;
                    historyBytes = whole(parser, token);
                }
                default -> throw new NotTheWritersShape();
            }
            if ((seen & (1 << bit)) != 0) {
                throw new NotTheWritersShape();
            }
            seen |= 1 << bit;
        }
        if (seen != ALL || parser.currentToken() != JsonToken.END_OBJECT) {
            throw new NotTheWritersShape();
        }
        return new ExecutionSnapshot(
                executionId,
                script,
                fingerprint,
                status,
                variables,
                frames,
                pending,
                result,
                error,
                tools,
                sequence,
                steps,
                messages,
                historyBytes);
    }

    /** A frame: {@code frame} first, then the components of that kind, each once. */
    private static FrameSnapshot frame(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT);
        expect(parser.nextToken(), JsonToken.FIELD_NAME);
        if (!parser.currentName().equals("frame")) {
            throw new NotTheWritersShape();
        }
        String kind = text(parser, parser.nextToken());
        int block = -1;
        int index = -1;
        String variable = null;
        Value to = null;
        Value step = null;
        Value items = null;
        int position = -1;
        String procedure = null;
        Map<String, Value> locals = null;
        int callerBlock = -1;
        int callerIndex = -1;
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            int bit;
            switch (name) {
                case "block" -> {
                    bit = 0;
                    block = Math.toIntExact(whole(parser, token));
                }
                case "index" -> {
                    bit = 1;
                    index = Math.toIntExact(whole(parser, token));
                }
                case "variable" -> {
                    bit = 2;
                    variable = text(parser, token);
                }
                case "to" -> {
                    bit = 3;
                    to = ValueModule.ValueDeserializer.read(parser, null);
                }
                case "step" -> {
                    bit = 4;
                    step = ValueModule.ValueDeserializer.read(parser, null);
                }
                case "items" -> {
                    bit = 5;
                    items = ValueModule.ValueDeserializer.read(parser, null);
                }
                case "position" -> {
                    bit = 6;
                    position = Math.toIntExact(whole(parser, token));
                }
                case "procedure" -> {
                    bit = 7;
                    procedure = text(parser, token);
                }
                case "locals" -> {
                    bit = 8;
                    locals = entries(parser, token);
                }
                case "callerBlock" -> {
                    bit = 9;
                    callerBlock = Math.toIntExact(whole(parser, token));
                }
                case "callerIndex" -> {
                    bit = 10;
                    callerIndex = Math.toIntExact(whole(parser, token));
                }
                default -> throw new NotTheWritersShape();
            }
            if ((seen & (1 << bit)) != 0) {
                throw new NotTheWritersShape();
            }
            seen |= 1 << bit;
        }
        FrameSnapshot frame = switch (kind) {
            case "body" -> has(seen, 0b11) ? new FrameSnapshot.Body(block, index) : null;
            case "do" -> has(seen, 0b11) ? new FrameSnapshot.DoLoop(block, index) : null;
            case "for" ->
                has(seen, 0b11111) && to instanceof NumberValue end && step instanceof NumberValue increment
                        ? new FrameSnapshot.ForRange(block, index, variable, end, increment)
                        : null;
            case "forEach" ->
                has(seen, 0b1100111) && items instanceof ListValue list
                        ? new FrameSnapshot.ForEach(block, index, variable, list, position)
                        : null;
            case "call" ->
                has(seen, 0b11110000011)
                        ? new FrameSnapshot.Call(block, index, procedure, locals, callerBlock, callerIndex)
                        : null;
            default -> null;
        };
        if (frame == null) {
            throw new NotTheWritersShape();
        }
        return frame;
    }

    /** Exactly the components of a frame's kind, no other. */
    private static boolean has(int seen, int components) {
        return seen == components;
    }

    private static Map<String, Value> entries(JsonParser parser, JsonToken token) throws IOException {
        expect(token, JsonToken.START_OBJECT);
        Map<String, Value> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            if (entries.put(key, ValueModule.ValueDeserializer.read(parser, null)) != null) {
                throw new NotTheWritersShape();
            }
        }
        return entries;
    }

    private static String text(JsonParser parser, JsonToken token) throws IOException {
        expect(token, JsonToken.VALUE_STRING);
        return parser.getText();
    }

    private static long whole(JsonParser parser, JsonToken token) throws IOException {
        expect(token, JsonToken.VALUE_NUMBER_INT);
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new NotTheWritersShape();
        }
        return parser.getLongValue();
    }

    private static void expect(JsonToken token, JsonToken expected) {
        if (token != expected) {
            throw new NotTheWritersShape();
        }
    }

    /** The text is not of the writers' exact shape: the mapper reads it instead. */
    private static final class NotTheWritersShape extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotTheWritersShape() {
            super(null, null, false, false);
        }
    }
}
