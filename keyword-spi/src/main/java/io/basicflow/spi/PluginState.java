package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * Values one plugin keeps for one execution between calls of its keywords, such as the headers
 * {@code SET HEADER} sets for the HTTP calls that follow. A durable run keeps them in the
 * execution's state, so they survive a crash and a resume on another process; a direct run keeps
 * them for as long as it runs. Scripts cannot read or write them, and two plugins never see each
 * other's values.
 *
 * <p>A value written during a keyword call is recorded with that call's step (in the execution's
 * history, like a variable): keep secrets out of it, or store them encrypted.
 */
public interface PluginState {

    /**
     * A value by name.
     *
     * @param name the plugin's own name for it
     * @return the value, {@code NULL} when none was put
     */
    Value get(String name);

    /**
     * Puts a value; {@code NULL} removes it.
     *
     * @param name the plugin's own name for it: lower case letters, digits, dots and dashes
     * @param value the value
     */
    void put(String name, Value value);

    /**
     * A state that lives in memory only, as long as the returned object: what an {@link Invocation}
     * built without a state gets (plugin unit tests).
     *
     * @return a new empty state
     */
    static PluginState inMemory() {
        Map<String, Value> values = new HashMap<>();
        return new PluginState() {
            @Override
            public Value get(String name) {
                return values.getOrDefault(requireNonNull(name, "name is null"), NullValue.NULL);
            }

            @Override
            public void put(String name, Value value) {
                requireNonNull(name, "name is null");
                if (value == null || value instanceof NullValue) {
                    values.remove(name);
                } else {
                    values.put(name, value);
                }
            }
        };
    }
}
