package io.basicflow.engine.interpreter;

import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.data.DataScopes;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.Suggestion;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The context one invocation gets: the plugin's logger, clock and configuration, and the running
 * execution's values. A plugin's execution values live among the execution's variables under
 * {@code $<plugin>.<key>}, a name no script can write, so they are recorded, folded and restored with
 * the variables.
 */
record ExecutionContext(
        InvocationContext plugin,
        String pluginName,
        ExecutionState state,
        ToolSchemas schemas,
        BiConsumer<Optional<String>, MessageExtras.SentFile> files)
        implements InvocationContext {

    /** Finds an active tool's schema (the engine asks the plugin that declares {@code USE TOOL}). */
    @FunctionalInterface
    interface ToolSchemas {
        Optional<Value> of(String tool) throws KeywordException;
    }

    /** A context whose keyword cannot send messages (an effect's: it runs between two commits). */
    ExecutionContext(InvocationContext plugin, String pluginName, ExecutionState state, ToolSchemas schemas) {
        this(plugin, pluginName, state, schemas, null);
    }

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    /** The variable that holds a plugin's execution value. */
    static String variable(String plugin, String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "execution value key '" + key + "' must be lower case letters, digits, dots, dashes, underscores");
        }
        return "$" + plugin + "." + key;
    }

    @Override
    public System.Logger logger() {
        return plugin.logger();
    }

    @Override
    public Clock clock() {
        return plugin.clock();
    }

    @Override
    public PluginConfiguration configuration() {
        return plugin.configuration();
    }

    @Override
    public Optional<Value> executionValue(String key) {
        Value value = state.get(variable(pluginName, key));
        return value instanceof NullValue ? Optional.empty() : Optional.of(value);
    }

    @Override
    public Optional<Value> executionValueOf(String other, String key) {
        Value value = state.get(variable(other, key));
        return value instanceof NullValue ? Optional.empty() : Optional.of(value);
    }

    @Override
    public void setExecutionValue(String key, Value value) {
        state.put(variable(pluginName, key), Canonical.of(value == null ? NullValue.NULL : value));
    }

    @Override
    public List<Suggestion> suggestions() {
        return Suggestions.inForce(state);
    }

    @Override
    public void setSuggestions(List<Suggestion> suggestions) {
        Suggestions.replace(state, List.copyOf(suggestions));
    }

    @Override
    public void sendFile(String path, Optional<String> caption) {
        if (files == null) {
            throw new UnsupportedOperationException(
                    "only a PURE keyword can send a message: an effect's messages could not be sent exactly once");
        }
        files.accept(Optional.empty(), new MessageExtras.SentFile(path, caption));
    }

    @Override
    public void sendFile(String recipient, String path, Optional<String> caption) {
        if (files == null) {
            throw new UnsupportedOperationException(
                    "only a PURE keyword can send a message: an effect's messages could not be sent exactly once");
        }
        files.accept(Optional.of(recipient), new MessageExtras.SentFile(path, caption));
    }

    @Override
    public List<String> activeTools() {
        return List.copyOf(state.tools);
    }

    @Override
    public Optional<Value> toolSchema(String tool) throws KeywordException {
        return schemas.of(tool);
    }

    @Override
    public Optional<ExecutionScope> scope() {
        return Optional.of(DataScopes.of(state));
    }

    @Override
    public PluginConfiguration configurationOf(String other) {
        return plugin.configurationOf(other);
    }
}
