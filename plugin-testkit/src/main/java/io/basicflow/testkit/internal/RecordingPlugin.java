package io.basicflow.testkit.internal;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ToolCallingHandler;
import io.basicflow.spi.ToolTurn;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.EffectCall;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A plugin as the engine sees it in the kit: the plugin itself, with every handler call reported
 * when it returns or throws.
 */
final class RecordingPlugin implements KeywordPlugin {

    private final KeywordPlugin plugin;
    private final Consumer<EffectCall> calls;

    RecordingPlugin(KeywordPlugin plugin, Consumer<EffectCall> calls) {
        this.plugin = requireNonNull(plugin, "plugin is null");
        this.calls = requireNonNull(calls, "calls is null");
    }

    @Override
    public String name() {
        return plugin.name();
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return plugin.keywords();
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return plugin.handler(keyword).map(this::recording);
    }

    @Override
    public List<FunctionDefinition> functions() {
        return plugin.functions();
    }

    @Override
    public List<InputTypeDefinition> inputTypes() {
        return plugin.inputTypes();
    }

    /** The wrapped plugin's syntax: recording changes how keywords run, not how they are written. */
    @Override
    public io.basicflow.spi.KeywordSyntax syntax(String keyword) {
        return plugin.syntax(keyword);
    }

    /** Writes inside the step's commit run as the wrapped plugin declares them (not recorded as calls). */
    @Override
    public Optional<io.basicflow.spi.TransactionalKeywordHandler> transactionalHandler(String keyword) {
        return plugin.transactionalHandler(keyword);
    }

    @Override
    public java.util.Set<String> blockKeywords() {
        return plugin.blockKeywords();
    }

    @Override
    public Optional<String> missingConfiguration(String keyword, io.basicflow.spi.PluginConfiguration configuration) {
        return plugin.missingConfiguration(keyword, configuration);
    }

    @Override
    public KeywordPlugin origin() {
        return plugin.origin();
    }

    /** The wrapped plugin's lowerings: the keywords they call are recorded as they run. */
    @Override
    public Optional<io.basicflow.spi.KeywordLowering> lowering(String keyword) {
        return plugin.lowering(keyword);
    }

    /** The wrapped plugin's deployment handler: deployments apply what it declares. */
    @Override
    public Optional<io.basicflow.spi.DeploymentHandler> deploymentHandler() {
        return plugin.deploymentHandler();
    }

    private KeywordHandler recording(KeywordHandler handler) {
        if (handler instanceof ToolCallingHandler tooling) {
            // Keeps the handler's kind, so the engine still runs its tool calls; a turn that asks for
            // tools is reported with the turn's recorded message as its result.
            return (ToolCallingHandler) (invocation, rounds) -> {
                ToolTurn turn;
                try {
                    turn = tooling.turn(invocation, rounds);
                } catch (Exception | Error e) {
                    calls.accept(call(invocation, Optional.empty(), Optional.of(e)));
                    throw e;
                }
                Value value = switch (turn) {
                    case ToolTurn.Answer answer -> answer.value();
                    case ToolTurn.CallTools tools -> tools.message();
                };
                calls.accept(call(invocation, Optional.of(value), Optional.empty()));
                return turn;
            };
        }
        return invocation -> {
            Value value;
            try {
                value = handler.invoke(invocation);
            } catch (Exception | Error e) {
                calls.accept(call(invocation, Optional.empty(), Optional.of(e)));
                throw e;
            }
            calls.accept(call(invocation, Optional.of(value == null ? Value.nullValue() : value), Optional.empty()));
            return value;
        };
    }

    private static EffectCall call(Invocation invocation, Optional<Value> result, Optional<Throwable> failure) {
        return new EffectCall(
                invocation.keyword(),
                invocation.executionId(),
                invocation.idempotencyKey(),
                invocation.attempt(),
                invocation.arguments(),
                result,
                failure);
    }
}
