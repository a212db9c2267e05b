package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An execution's active tools, as {@code USE TOOL "name"}, {@code ADD TOOL "name"} and {@code CLEAR
 * TOOLS} leave them: tool names in the order they were first added, each once. Immutable; the
 * engine keeps it in the execution's state ({@link #toValue()} / {@link #fromValue(Value)}) and a
 * chat front end or LLM host lists it with {@link #describe(ToolFolder)}.
 *
 * <p>Names are stored as the tool folder spells them (the engine stores the {@code name} of the
 * schema that activation returned), so {@code "Lookup"} and {@code "lookup"} are one tool.
 *
 * @param names the tool names, unique, in activation order
 */
public record ToolSet(List<String> names) {

    /** No active tools. */
    public static final ToolSet EMPTY = new ToolSet(List.of());

    /**
     * Validates and copies the names.
     *
     * @param names not null, no blank or repeated name
     */
    public ToolSet {
        names = List.copyOf(names);
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("a tool name in a tool set is blank");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("tool '" + name + "' is twice in the tool set " + names);
            }
        }
    }

    /**
     * The set with a tool added at the end; unchanged when the tool is already active.
     *
     * @param name the tool name as the tool folder spells it
     * @return the new set
     */
    public ToolSet add(String name) {
        requireNonNull(name, "name is null");
        if (names.contains(name)) {
            return this;
        }
        List<String> added = new ArrayList<>(names);
        added.add(name);
        return new ToolSet(added);
    }

    /**
     * The set with a tool removed; unchanged when the tool is not active.
     *
     * @param name the tool name
     * @return the new set
     */
    public ToolSet remove(String name) {
        if (!names.contains(name)) {
            return this;
        }
        List<String> kept = new ArrayList<>(names);
        kept.remove(name);
        return new ToolSet(kept);
    }

    /**
     * The empty set, as {@code CLEAR TOOLS} leaves it.
     *
     * @return {@link #EMPTY}
     */
    public ToolSet clear() {
        return EMPTY;
    }

    /**
     * Whether a tool is active.
     *
     * @param name the tool name
     * @return true when the set holds it
     */
    public boolean contains(String name) {
        return names.contains(name);
    }

    /**
     * Whether no tool is active.
     *
     * @return true for the empty set
     */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /**
     * The active tools with their schemas, as a chat front end or an LLM host lists them.
     *
     * @param folder the tools folder
     * @return the tools in activation order; tools that vanished or broke since activation are
     *     reported as problems
     */
    public ToolListing describe(ToolFolder folder) {
        return folder.describe(names);
    }

    /**
     * The set as a value for the execution's state.
     *
     * @return a list of the names as text
     */
    public ListValue toValue() {
        return new ListValue(names.stream().<Value>map(Value::text).toList());
    }

    /**
     * Reads a set stored with {@link #toValue()}.
     *
     * @param value a list of texts, or {@code NULL} for the empty set
     * @return the set
     * @throws IllegalArgumentException when the value is not a list of distinct, non-blank texts
     */
    public static ToolSet fromValue(Value value) {
        return switch (value) {
            case NullValue ignored -> EMPTY;
            case ListValue list -> {
                List<String> names = new ArrayList<>();
                for (Value element : list.elements()) {
                    if (!(element instanceof TextValue text)) {
                        throw new IllegalArgumentException("a stored tool set holds " + element.display()
                                + ", which is not a tool name; expected a list of texts");
                    }
                    names.add(text.value());
                }
                yield new ToolSet(names);
            }
            case BooleanValue other -> throw notAToolSet(other);
            case NumberValue other -> throw notAToolSet(other);
            case TextValue other -> throw notAToolSet(other);
            case MapValue other -> throw notAToolSet(other);
        };
    }

    private static IllegalArgumentException notAToolSet(Value value) {
        return new IllegalArgumentException("a stored tool set must be a list of tool names, was " + value.display());
    }
}
