package io.basicflow.data;

import io.basicflow.spi.BotDeployment;
import io.basicflow.spi.DeployedCall;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.NullValue;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A bot's {@code TABLE … END TABLE} declarations applied when its scripts are deployed: each becomes
 * its table in the bot's schema (created, or its new columns added), in the deployment's transaction.
 * A declaration that would drop a column or change its type refuses the whole deployment, naming the
 * script, line and column of the {@code TABLE} and the table's column.
 */
final class TableDeployment {

    private TableDeployment() {}

    static void deploy(Tables tables, BotDeployment deployment, Connection connection)
            throws KeywordException, SQLException {
        String schema = Names.schema(deployment.bot());
        for (DeployedCall call : deployment.calls()) {
            if (!call.keyword().equals("TABLE")) {
                continue;
            }
            try {
                tables.declare(
                        connection,
                        schema,
                        TableDeclaration.ofBlock(
                                call.constants().getOrDefault("name", NullValue.NULL),
                                call.constants().getOrDefault("fields", NullValue.NULL)));
            } catch (KeywordException e) {
                throw KeywordException.permanent(
                        call.where() + ": " + e.getMessage() + " (bot " + deployment.bot() + ")", e);
            }
        }
    }
}
