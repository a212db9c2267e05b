package io.basicflow.data;

import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.TransactionalKeywordHandler;
import io.basicflow.spi.value.BooleanValue;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * A crash point for the kill -9 test: {@code SLOW SAVE table, id} inserts a row in the bot's table,
 * prints {@code WROTE <id>} and then, with {@code -Dbasicflow.test.slow-ms}, sleeps inside the
 * transaction, so that a kill right after the line lands between the handler's write and the commit.
 */
public final class SlowSavePlugin implements KeywordPlugin {

    @Override
    public String name() {
        return "slow-save";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(KeywordDefinition.builder("SLOW SAVE")
                .form(KeywordForm.STATEMENT)
                .parameter(ParameterDefinition.required("table", "the table"))
                .parameter(ParameterDefinition.required("id", "the row id"))
                .build());
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return Optional.of(invocation -> {
            throw KeywordException.permanent("SLOW SAVE needs a transaction");
        });
    }

    @Override
    public Optional<TransactionalKeywordHandler> transactionalHandler(String keyword) {
        return Optional.of((invocation, scope, connection) -> {
            String schema = Names.schema(scope.bot());
            String table = Names.qualified(
                    schema, Names.table(invocation.argument("table").display()));
            // Concurrent "create table if not exists" of one table collide in PostgreSQL's catalogue:
            // serialise the DDL on the bot's schema, as the data plugin's own tables do.
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "basicflow-data:" + schema);
                lock.execute();
            }
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create schema if not exists " + Names.quote(schema));
                ddl.execute("create table if not exists " + table + " (id text primary key)");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into " + table + " (id) values (?)")) {
                insert.setString(1, invocation.argument("id").display());
                insert.executeUpdate();
            }
            long slow = Long.getLong("basicflow.test.slow-ms", 0);
            if (slow > 0) {
                System.out.println("WROTE " + invocation.argument("id").display());
                System.out.flush();
                try {
                    Thread.sleep(slow);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return BooleanValue.TRUE;
        });
    }
}
