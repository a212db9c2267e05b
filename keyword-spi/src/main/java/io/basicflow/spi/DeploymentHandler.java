package io.basicflow.spi;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A plugin's part in deploying a bot's scripts: whoever deploys a scripts folder ({@code basicflow
 * serve} at start, an application through the engine's deployment) compiles every script, groups the
 * calls of this plugin's keywords by bot, and hands each bot's calls to this handler before any of its
 * executions runs. Supply it with {@link KeywordPlugin#deploymentHandler()}.
 *
 * <p>Every handler of one deployment runs on one connection to the bots' data database (the engine's
 * own, or {@code basicflow.data.url}), in one transaction: when a handler throws, the transaction is
 * rolled back, nothing of the deployment is applied and the deployment fails with the handler's
 * message. The handler must not commit, roll back or close the connection. It puts the place of the
 * call it refuses in its message ({@link DeployedCall#where()}), since it sees many calls at once.
 */
@FunctionalInterface
public interface DeploymentHandler {

    /**
     * Applies what a bot's scripts declare.
     *
     * @param deployment the bot and the calls of this plugin's keywords in its scripts, in script and
     *     source order
     * @param connection the deployment's connection, inside its transaction
     * @throws KeywordException when the scripts declare something that cannot be applied (the message
     *     names the script, line and column, and what to do)
     * @throws SQLException when the database refuses a statement
     */
    void deploy(BotDeployment deployment, Connection connection) throws KeywordException, SQLException;
}
