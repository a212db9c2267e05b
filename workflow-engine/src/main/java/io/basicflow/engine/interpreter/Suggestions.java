package io.basicflow.engine.interpreter;

import io.basicflow.engine.api.MessageExtras;
import io.basicflow.spi.Suggestion;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The suggestions in force for an execution ({@code ADD SUGGESTION}, {@code CLEAR SUGGESTIONS}), kept
 * among its variables under {@value #VARIABLE} (a name no script can write) so that they are recorded,
 * folded and restored like any variable: {@code {"items": [{"text", "reply"}…], "sent": bool}}.
 *
 * <p>Every message to the conversation's user carries the suggestions in force. A {@code HEAR} that
 * waits while the suggestions changed since the last message sends them in a message of their own
 * (with empty text), so that a script which adds them after its question still shows them.
 */
final class Suggestions {

    /** The variable that holds them. */
    static final String VARIABLE = "$suggestions";

    private static final String ITEMS = "items";
    private static final String SENT = "sent";

    private Suggestions() {}

    /** The suggestions in force, in order. */
    static List<Suggestion> inForce(ExecutionState state) {
        if (!(state.get(VARIABLE) instanceof MapValue held)
                || !(held.entries().get(ITEMS) instanceof ListValue items)) {
            return List.of();
        }
        List<Suggestion> suggestions = new ArrayList<>(items.elements().size());
        for (Value item : items.elements()) {
            if (item instanceof MapValue map) {
                String text = map.find("text").map(Value::display).orElse("");
                suggestions.add(new Suggestion(
                        text, map.find("reply").map(Value::display).orElse(text)));
            }
        }
        return suggestions;
    }

    /** Replaces the suggestions in force; none clears them. */
    static void replace(ExecutionState state, List<Suggestion> suggestions) {
        if (suggestions.isEmpty()) {
            if (!(state.get(VARIABLE) instanceof NullValue)) {
                state.put(VARIABLE, NullValue.NULL);
            }
            return;
        }
        List<Value> items = new ArrayList<>(suggestions.size());
        for (Suggestion suggestion : suggestions) {
            Map<String, Value> item = new LinkedHashMap<>();
            item.put("text", new TextValue(suggestion.text()));
            item.put("reply", new TextValue(suggestion.reply()));
            items.add(new MapValue(item));
        }
        state.put(VARIABLE, held(new ListValue(items), false));
    }

    /** Whether suggestions are in force that no message has carried yet. */
    static boolean unsent(ExecutionState state) {
        return state.get(VARIABLE) instanceof MapValue held
                && BooleanValue.FALSE.equals(held.entries().get(SENT));
    }

    /**
     * What a message to the conversation's user carries: the suggestions in force and the file, if
     * any. Marks the suggestions sent.
     */
    static Optional<MessageExtras> carried(ExecutionState state, Optional<MessageExtras.SentFile> file) {
        Value value = state.get(VARIABLE);
        if (!(value instanceof MapValue held)) {
            return file.map(sent -> new MessageExtras(List.of(), Optional.of(sent)));
        }
        if (!BooleanValue.TRUE.equals(held.entries().get(SENT))
                && held.entries().get(ITEMS) instanceof ListValue items) {
            state.put(VARIABLE, held(items, true));
        }
        return Optional.of(new MessageExtras(inForce(state), file));
    }

    private static MapValue held(ListValue items, boolean sent) {
        Map<String, Value> held = new LinkedHashMap<>();
        held.put(ITEMS, items);
        held.put(SENT, sent ? BooleanValue.TRUE : BooleanValue.FALSE);
        return new MapValue(held);
    }
}
