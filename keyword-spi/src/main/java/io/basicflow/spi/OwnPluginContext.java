package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The calling keyword's context seen as another plugin's: everything the caller's context offers, but
 * {@link #configuration()} is the named plugin's settings. A {@link MessageChannel} runs its plugin's
 * own handler with it, so the handler reads its settings as when its keyword runs.
 *
 * @param caller the calling keyword's context
 * @param plugin the plugin whose settings {@link #configuration()} gives
 */
public record OwnPluginContext(InvocationContext caller, String plugin) implements InvocationContext {

    /**
     * Validates the parts.
     *
     * @param caller not null
     * @param plugin not null
     */
    public OwnPluginContext {
        requireNonNull(caller, "caller is null");
        requireNonNull(plugin, "plugin is null");
    }

    /**
     * The invocation a channel hands its own handler: the caller's ids and attempt, the channel's
     * keyword and arguments, the given idempotency key, and this kind of context.
     *
     * @param caller the calling keyword's invocation
     * @param plugin the channel's plugin
     * @param keyword the channel plugin's keyword the handler runs
     * @param arguments its arguments by parameter name
     * @param idempotencyKey the message's key
     * @return the invocation
     */
    public static Invocation invocation(
            Invocation caller,
            String plugin,
            String keyword,
            java.util.Map<String, Value> arguments,
            String idempotencyKey) {
        return new Invocation(
                keyword,
                arguments,
                idempotencyKey,
                caller.executionId(),
                caller.attempt(),
                new OwnPluginContext(caller.context(), plugin));
    }

    @Override
    public System.Logger logger() {
        return caller.logger();
    }

    @Override
    public Clock clock() {
        return caller.clock();
    }

    @Override
    public PluginConfiguration configuration() {
        return caller.configurationOf(plugin);
    }

    @Override
    public PluginConfiguration configurationOf(String other) {
        return caller.configurationOf(other);
    }

    @Override
    public Optional<ExecutionScope> scope() {
        return caller.scope();
    }

    @Override
    public Optional<Value> executionValueOf(String other, String key) {
        return caller.executionValueOf(other, key);
    }

    @Override
    public Optional<Value> executionValue(String key) {
        return caller.executionValueOf(plugin, key);
    }

    @Override
    public List<String> activeTools() {
        return caller.activeTools();
    }
}
