package io.basicflow.data;

import io.basicflow.spi.BotDeployment;
import io.basicflow.spi.DeployedCall;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.value.NullValue;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A bot's {@code TABLE … END TABLE} declarations applied when its scripts are deployed: each becomes
 * its table in the bot's schema (created, or its new columns added), in the deployment's transaction.
 * A declaration that would drop a column or narrow or change its type refuses the whole deployment,
 * naming the script, line and column of the {@code TABLE} and the table's column. A declaration that
 * cannot be read (not the reference's field syntax) is logged and left to the statement, which fails
 * with the same message when it runs. Then the bot's {@code CREATE INDEX name ON table(columns)}
 * statements, after all of its tables: an index of a table or column that does not exist refuses the
 * deployment like a narrowing.
 */
final class TableDeployment {

    private static final System.Logger LOG = System.getLogger(TableDeployment.class.getName());

    private TableDeployment() {}

    static void deploy(Tables tables, BotDeployment deployment, Connection connection)
            throws KeywordException, SQLException {
        String schema = Names.schema(deployment.bot());
        for (DeployedCall call : deployment.calls()) {
            if (!call.keyword().equals("TABLE")) {
                continue;
            }
            table(tables, deployment, connection, schema, call);
        }
        // indexes after every table of the bot: a script may index a table another script declares
        for (DeployedCall call : deployment.calls()) {
            if (call.keyword().equals("CREATE INDEX")) {
                index(tables, deployment, connection, schema, call);
            }
        }
    }

    private static void table(
            Tables tables, BotDeployment deployment, Connection connection, String schema, DeployedCall call)
            throws KeywordException, SQLException {
        TableDeclaration declaration;
        try {
            declaration = TableDeclaration.ofBlock(
                    call.constants().getOrDefault("name", NullValue.NULL),
                    call.constants().getOrDefault("fields", NullValue.NULL));
        } catch (KeywordException e) {
            // Not readable (SQL column syntax, an unknown type, ON connection): left to the statement,
            // which fails with this message when it runs; one such bot does not stop a folder's deploy.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "{0}: TABLE not applied at deployment: {1}",
                    call.where(),
                    e.getMessage());
            return;
        }
        try {
            tables.declare(connection, schema, declaration);
        } catch (KeywordException e) {
            throw refused(deployment, call, e);
        }
    }

    /** An index that cannot be read or applied refuses the deployment, naming where it is written. */
    private static void index(
            Tables tables, BotDeployment deployment, Connection connection, String schema, DeployedCall call)
            throws KeywordException, SQLException {
        try {
            tables.index(
                    connection,
                    schema,
                    IndexDeclaration.of(
                            call.constants().getOrDefault("name", NullValue.NULL),
                            call.constants().getOrDefault(ParameterDefinition.namesKey("name"), NullValue.NULL),
                            call.constants().getOrDefault("on", NullValue.NULL)));
        } catch (KeywordException e) {
            throw refused(deployment, call, e);
        }
    }

    private static KeywordException refused(BotDeployment deployment, DeployedCall call, KeywordException e) {
        return KeywordException.permanent(call.where() + ": " + e.getMessage() + " (bot " + deployment.bot() + ")", e);
    }
}
