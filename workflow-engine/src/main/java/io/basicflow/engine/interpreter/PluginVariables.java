package io.basicflow.engine.interpreter;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.PluginState;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.regex.Pattern;

/**
 * A plugin's {@link PluginState}, kept as variables of the execution whose names a script cannot
 * write or read ({@code @http:headers}: the lexer never makes a name with {@code @} or {@code :}).
 * Being variables, they are recorded in the step's delta, folded on replay and kept in snapshots,
 * exactly as the script's own variables are, with no event or table of their own.
 */
final class PluginVariables implements PluginState {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    private final ExecutionState state;
    private final String prefix;

    PluginVariables(ExecutionState state, String plugin) {
        this.state = requireNonNull(state, "state is null");
        this.prefix = "@" + requireNonNull(plugin, "plugin is null") + ":";
    }

    @Override
    public Value get(String name) {
        return state.get(prefix + checked(name));
    }

    @Override
    public void put(String name, Value value) {
        String variable = prefix + checked(name);
        Value stored = value == null ? NullValue.NULL : value;
        if (stored instanceof NullValue && state.get(variable) instanceof NullValue) {
            return; // nothing to remove: no change to record
        }
        state.put(variable, stored);
    }

    private static String checked(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "plugin state name '" + name + "' must be lower case letters, digits, dots and dashes");
        }
        return name;
    }
}
