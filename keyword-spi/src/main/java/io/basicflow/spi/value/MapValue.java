package io.basicflow.spi.value;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable map from strings to values that keeps insertion order (as JSON objects read).
 *
 * @param entries the entries, copied
 */
public record MapValue(Map<String, Value> entries) implements Value {

    /** The empty map. */
    public static final MapValue EMPTY = new MapValue(Map.of());

    /**
     * Copies the entries, keeping their order.
     *
     * @param entries the entries, not null, no null key or value
     */
    public MapValue {
        requireNonNull(entries, "entries is null");
        LinkedHashMap<String, Value> copy = new LinkedHashMap<>();
        entries.forEach((key, value) ->
                copy.put(requireNonNull(key, "map key is null"), requireNonNull(value, "map value is null")));
        entries = Collections.unmodifiableMap(copy);
    }

    /**
     * Looks a key up exactly, then ignoring case (script identifiers are case-insensitive, JSON
     * keys are not).
     *
     * @param key the key
     * @return the value, if present
     */
    public Optional<Value> find(String key) {
        Value exact = entries.get(key);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (Map.Entry<String, Value> entry : entries.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * The map with one entry set. An existing key that matches ignoring case is replaced in place.
     *
     * @param key the key
     * @param value the value
     * @return a new map
     */
    public MapValue with(String key, Value value) {
        LinkedHashMap<String, Value> copy = new LinkedHashMap<>(entries);
        String existing = key;
        if (!copy.containsKey(key)) {
            for (String candidate : copy.keySet()) {
                if (candidate.equalsIgnoreCase(key)) {
                    existing = candidate;
                    break;
                }
            }
        }
        copy.put(existing, value);
        return new MapValue(copy);
    }

    @Override
    public boolean isTruthy() {
        return !entries.isEmpty();
    }

    @Override
    public String display() {
        return Json.write(this);
    }

    @Override
    public Object toJava() {
        Map<String, Object> map = new LinkedHashMap<>();
        entries.forEach((key, value) -> map.put(key, value.toJava()));
        return Collections.unmodifiableMap(map);
    }
}
