package io.basicflow.engine.deploy;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.engine.program.Block;
import io.basicflow.engine.program.ProgramIndex;
import io.basicflow.spi.BotDeployment;
import io.basicflow.spi.DeployedCall;
import io.basicflow.spi.DeploymentHandler;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs the installed plugins' {@link DeploymentHandler}s over a set of compiled scripts: each plugin
 * gets, per bot, the calls of its own keywords (with their constant arguments), and every handler runs
 * on one connection in one transaction, so a deployment is applied whole or not at all. It knows no
 * plugin: whatever a plugin declares it acts on, it finds by its own keywords.
 */
public final class PluginDeployment {

    /**
     * A compiled script to deploy.
     *
     * @param name its name, e.g. {@code shop/start.bas}; its bot is {@link ExecutionScope#botOf} of it
     * @param program the compiled script
     */
    public record Script(String name, Program program) {
        /**
         * Validates the parts.
         *
         * @param name not null
         * @param program not null
         */
        public Script {
            requireNonNull(name, "name is null");
            requireNonNull(program, "program is null");
        }
    }

    /**
     * What one deployment applied.
     *
     * @param bots the bots deployed, by name
     * @param calls how many keyword calls the handlers were given
     */
    public record Applied(List<String> bots, int calls) {
        /**
         * Copies the bots.
         *
         * @param bots not null
         * @param calls at least 0
         */
        public Applied {
            bots = List.copyOf(bots);
        }
    }

    private final KeywordCatalogue catalogue;

    /**
     * A deployment with the installed plugins.
     *
     * @param catalogue the plugins and their keywords
     */
    public PluginDeployment(KeywordCatalogue catalogue) {
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
    }

    /**
     * Whether any installed plugin acts at deployment.
     *
     * @return true when one has a {@link DeploymentHandler}
     */
    public boolean hasHandlers() {
        return catalogue.plugins().stream()
                .anyMatch(plugin -> plugin.deploymentHandler().isPresent());
    }

    /**
     * Applies the scripts' declarations on the connection, in one transaction that this method
     * commits, or rolls back when a handler refuses.
     *
     * @param scripts the compiled scripts of the deployment
     * @param connection a connection to the bots' data database (auto-commit is switched off for the
     *     deployment and restored after it)
     * @return what was applied
     * @throws DeploymentException when a handler or the database refuses; nothing is applied
     */
    public Applied deploy(List<Script> scripts, Connection connection) {
        requireNonNull(connection, "connection is null");
        Map<KeywordPlugin, Map<String, List<DeployedCall>>> byPlugin = calls(scripts);
        List<String> bots = new ArrayList<>();
        int count = 0;
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (Map.Entry<KeywordPlugin, Map<String, List<DeployedCall>>> plugin : byPlugin.entrySet()) {
                    DeploymentHandler handler =
                            plugin.getKey().deploymentHandler().orElseThrow();
                    for (Map.Entry<String, List<DeployedCall>> bot :
                            plugin.getValue().entrySet()) {
                        handler.deploy(new BotDeployment(bot.getKey(), bot.getValue()), connection);
                        count += bot.getValue().size();
                        if (!bots.contains(bot.getKey())) {
                            bots.add(bot.getKey());
                        }
                    }
                }
                connection.commit();
            } catch (KeywordException | SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (KeywordException e) {
            throw new DeploymentException("deployment refused, nothing of it was applied: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new DeploymentException(
                    "deployment failed, nothing of it was applied: the database refused a statement: " + e.getMessage(),
                    e);
        }
        return new Applied(bots, count);
    }

    /**
     * The calls each plugin with a deployment handler is given, per bot (bots in name order, calls in
     * script and source order).
     *
     * @param scripts the compiled scripts
     * @return plugin to bot to calls; plugins and bots without calls are left out
     */
    public Map<KeywordPlugin, Map<String, List<DeployedCall>>> calls(List<Script> scripts) {
        Map<KeywordPlugin, Map<String, List<DeployedCall>>> byPlugin = new LinkedHashMap<>();
        List<Script> ordered = new ArrayList<>(scripts);
        ordered.sort(java.util.Comparator.comparing(Script::name));
        for (Script script : ordered) {
            String bot = ExecutionScope.botOf(script.name());
            for (Step.Invoke call : invokes(script.program())) {
                Optional<CataloguedKeyword> keyword = catalogue.keyword(call.keyword());
                if (keyword.isEmpty()
                        || keyword.get().plugin().deploymentHandler().isEmpty()) {
                    continue;
                }
                byPlugin.computeIfAbsent(keyword.get().plugin(), p -> new TreeMap<>())
                        .computeIfAbsent(bot, b -> new ArrayList<>())
                        .add(new DeployedCall(script.name(), call.span(), call.keyword(), constants(call)));
            }
        }
        return byPlugin;
    }

    /** Every keyword call of the program, at any depth, in source order. */
    private static List<Step.Invoke> invokes(Program program) {
        ProgramIndex index = ProgramIndex.of(program);
        List<Step.Invoke> calls = new ArrayList<>();
        for (int id = 0; id < index.blockCount(); id++) {
            Block block = index.block(id);
            for (int i = 0; i < block.size(); i++) {
                if (block.step(i) instanceof Step.Invoke call) {
                    calls.add(call);
                }
            }
        }
        calls.sort(java.util.Comparator.comparingInt(
                        (Step.Invoke call) -> call.span().line())
                .thenComparingInt(call -> call.span().column()));
        return calls;
    }

    private static Map<String, Value> constants(Step.Invoke call) {
        Map<String, Value> constants = new LinkedHashMap<>();
        for (Step.Argument argument : call.arguments()) {
            constant(argument.value().tree()).ifPresent(value -> constants.put(argument.parameter(), value));
        }
        return constants;
    }

    private static Optional<Value> constant(Expr expr) {
        if (expr instanceof Expr.Literal literal) {
            return Optional.of(literal.value());
        }
        if (expr instanceof Expr.ListLiteral list) {
            List<Value> elements = new ArrayList<>();
            for (Expr element : list.elements()) {
                Optional<Value> value = constant(element);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                elements.add(value.get());
            }
            return Optional.of(new ListValue(elements));
        }
        return Optional.empty();
    }
}
