package io.basicflow.app.deploy;

import static java.util.Objects.requireNonNull;

import io.basicflow.app.scripts.ScriptInfo;
import io.basicflow.app.scripts.ScriptLibrary;
import io.basicflow.app.scripts.ScriptLibraryException;
import io.basicflow.compiler.CompilationResult;
import io.basicflow.compiler.ScriptService;
import io.basicflow.engine.data.DataConnections;
import io.basicflow.engine.deploy.DeploymentException;
import io.basicflow.engine.deploy.PluginDeployment;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a scripts folder's bots: compiles every script and hands the plugins' deployment handlers
 * ({@link io.basicflow.spi.DeploymentHandler}) their calls, in one transaction on the bots' data
 * database — the engine's, or {@code basicflow.data.url}'s. {@code basicflow serve} does it once at
 * start, after the database and before the workers and the HTTP API, so a bot's declared tables exist
 * before any of its executions runs. A script that does not compile deploys nothing (it cannot run).
 */
public final class BotsDeployment {

    private static final Logger log = LoggerFactory.getLogger(BotsDeployment.class);

    private BotsDeployment() {}

    /**
     * Deploys the library's scripts.
     *
     * @param scripts the scripts folder
     * @param compiler the compiler with the installed plugins
     * @param engineDatabase the engine's database, where bot data lives by default
     * @param data the configured data database, when it is another one
     * @return what was applied
     * @throws DeploymentException when a plugin or the database refuses; nothing was applied
     */
    public static PluginDeployment.Applied deploy(
            ScriptLibrary scripts, ScriptService compiler, DataSource engineDatabase, Optional<DataConnections> data) {
        requireNonNull(scripts, "scripts is null");
        PluginDeployment deployment = new PluginDeployment(compiler.catalogue());
        if (!deployment.hasHandlers()) {
            return new PluginDeployment.Applied(List.of(), 0);
        }
        List<PluginDeployment.Script> compiled = new ArrayList<>();
        for (ScriptInfo info : scripts.list().scripts()) {
            String source;
            try {
                source = scripts.load(info.name()).source();
            } catch (ScriptLibraryException e) {
                log.warn("deployment: {} cannot be read: {}", info.name(), e.getMessage());
                continue;
            }
            CompilationResult result = compiler.check(info.name(), source);
            result.plan().ifPresent(plan -> compiled.add(new PluginDeployment.Script(info.name(), plan.program())));
        }
        Optional<DataConnections> other = data.filter(d -> !d.sharesEngineDatabase());
        try (Connection connection = other.isPresent() ? other.get().open() : engineDatabase.getConnection()) {
            PluginDeployment.Applied applied = deployment.deploy(compiled, connection);
            log.info(
                    "deployed {} bot(s): {} call(s) of keywords whose plugins act at deployment",
                    applied.bots().size(),
                    applied.calls());
            return applied;
        } catch (SQLException e) {
            throw new DeploymentException(
                    "deployment failed: the bots' data database cannot be reached: " + e.getMessage(), e);
        }
    }
}
