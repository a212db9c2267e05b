package io.basicflow.engine.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;

/**
 * One variable assigned by a step, with the value it got. Recording values (never re-evaluating
 * expressions) is what makes {@code NOW()} and {@code RANDOM()} safe in a durable run.
 *
 * <p>An <em>append</em> records only what was added to a list or map the variable already held, so
 * that {@code l = l + [i]} in a loop stores each new element once instead of the whole list every
 * time (storage linear, not quadratic, in the loop's length).
 *
 * @param name the variable name, lower case
 * @param value the whole new value of the variable (for {@code a.b = x}, the whole new map {@code
 *     a}); for an append, only the elements appended to the list (a list) or the entries added to or
 *     replaced in the map (a map)
 * @param local whether it is a parameter of the innermost procedure call (after the event's cursor
 *     change) rather than a script variable
 * @param append whether {@code value} is added to the variable's current list or map rather than
 *     replacing it
 */
public record VariableChange(
        String name,
        Value value,
        boolean local,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean append) {

    /**
     * Validates the parts.
     *
     * @param name not null
     * @param value not null; a list or a map for an append
     * @param local the flag
     * @param append the flag
     */
    public VariableChange {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        if (append && !(value instanceof ListValue) && !(value instanceof MapValue)) {
            throw new IllegalArgumentException("an append to " + name + " must add a list or a map, not " + value);
        }
    }

    /**
     * A variable that gets a whole new value.
     *
     * @param name not null
     * @param value not null
     * @param local the flag
     */
    public VariableChange(String name, Value value, boolean local) {
        this(name, value, local, false);
    }

    /**
     * The change from one value of a variable to the next: an append when the new value is the old
     * list with elements added at its end, or the old map (same keys in the same order, then new
     * keys) with a few entries added or replaced — and when that is smaller than the whole value;
     * otherwise the whole new value.
     *
     * @param name the variable
     * @param old its value before, or null when it had none
     * @param value its new value
     * @param local whether it is a procedure parameter
     * @return the change to record
     */
    public static VariableChange between(String name, Value old, Value value, boolean local) {
        if (old instanceof ListValue before && value instanceof ListValue after) {
            java.util.List<Value> was = before.elements();
            java.util.List<Value> now = after.elements();
            if (!was.isEmpty() && now.size() > was.size() && samePrefix(was, now)) {
                return new VariableChange(name, new ListValue(now.subList(was.size(), now.size())), local, true);
            }
        } else if (old instanceof MapValue before && value instanceof MapValue after) {
            java.util.Map<String, Value> added = addedEntries(before.entries(), after.entries());
            if (added != null) {
                return new VariableChange(name, new MapValue(added), local, true);
            }
        }
        return new VariableChange(name, value, local, false);
    }

    private static boolean samePrefix(java.util.List<Value> was, java.util.List<Value> now) {
        for (int i = 0; i < was.size(); i++) {
            if (was.get(i) != now.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The entries of {@code now} that {@code was} lacks or holds another value for; null if not a merge. */
    private static java.util.Map<String, Value> addedEntries(
            java.util.Map<String, Value> was, java.util.Map<String, Value> now) {
        if (was.size() < 2 || now.size() < was.size()) {
            return null;
        }
        java.util.Map<String, Value> added = new java.util.LinkedHashMap<>();
        java.util.Iterator<java.util.Map.Entry<String, Value>> old =
                was.entrySet().iterator();
        for (java.util.Map.Entry<String, Value> entry : now.entrySet()) {
            if (old.hasNext()) {
                java.util.Map.Entry<String, Value> before = old.next();
                if (!before.getKey().equals(entry.getKey())) {
                    return null; // a key removed or reordered: not a merge
                }
                if (before.getValue() == entry.getValue()) {
                    continue;
                }
            }
            added.put(entry.getKey(), entry.getValue());
            if (added.size() * 2 > now.size()) {
                return null; // most of it changed: the whole value is as small
            }
        }
        return added.isEmpty() ? null : added;
    }

    /** Reads the JSON form; a change written without {@code append} replaces the value. */
    @JsonCreator
    static VariableChange fromJson(
            @JsonProperty("name") String name,
            @JsonProperty("value") Value value,
            @JsonProperty("local") boolean local,
            @JsonProperty("append") Boolean append) {
        return new VariableChange(name, value, local, append != null && append);
    }

    /**
     * The variable's value after this change.
     *
     * @param current the value before it (ignored unless this is an append)
     * @return the new value
     * @throws IllegalStateException when an append does not fit the current value
     */
    public Value applyTo(Value current) {
        if (!append) {
            return value;
        }
        if (value instanceof ListValue added && current instanceof ListValue list) {
            java.util.List<Value> elements = new java.util.ArrayList<>(
                    list.elements().size() + added.elements().size());
            elements.addAll(list.elements());
            elements.addAll(added.elements());
            return new ListValue(elements);
        }
        if (value instanceof MapValue added && current instanceof MapValue map) {
            java.util.Map<String, Value> entries = new java.util.LinkedHashMap<>(map.entries());
            entries.putAll(added.entries());
            return new MapValue(entries);
        }
        throw new IllegalStateException(
                "the event appends " + value.getClass().getSimpleName() + " to variable " + name + ", which holds "
                        + (current == null ? "nothing" : current.getClass().getSimpleName()));
    }
}
