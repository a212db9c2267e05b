package io.basicflow.data;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.TransactionalKeywordHandler;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A crash point for the named-connection kill -9 test: {@code SLOW NAMED INSERT connection, table, id}
 * is the data plugin's {@code INSERT INTO table ON connection WITH id = id} (its write and ledger row
 * committed in the named database), then prints {@code WROTE <id>} and, with {@code
 * -Dbasicflow.test.slow-ms}, sleeps before the engine commits its step: a kill right after the line
 * lands between the two commits, the window the ledger covers.
 */
public final class SlowNamedInsertPlugin implements KeywordPlugin {

    private final TransactionalKeywordHandler insert =
            new DataPlugin().transactionalHandler("INSERT INTO").orElseThrow();

    @Override
    public String name() {
        return "slow-named-insert";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(KeywordDefinition.builder("SLOW NAMED INSERT")
                .form(KeywordForm.STATEMENT)
                .parameter(ParameterDefinition.required("connection", "the named connection"))
                .parameter(ParameterDefinition.required("table", "the table"))
                .parameter(ParameterDefinition.required("id", "the row id"))
                .build());
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return Optional.of(invocation -> {
            throw KeywordException.permanent("SLOW NAMED INSERT needs a transaction");
        });
    }

    @Override
    public Optional<TransactionalKeywordHandler> transactionalHandler(String keyword) {
        return Optional.of((invocation, scope, connection) -> {
            Map<String, Value> arguments = new LinkedHashMap<>();
            arguments.put("table", invocation.argument("table"));
            arguments.put("on", invocation.argument("connection"));
            arguments.put("with", new MapValue(Map.of("id", invocation.argument("id"))));
            // the data plugin reads its settings (basicflow.data.*) from the context it is given
            Invocation asInsert = new Invocation(
                    "INSERT INTO",
                    arguments,
                    invocation.idempotencyKey(),
                    invocation.executionId(),
                    invocation.attempt(),
                    new io.basicflow.spi.InvocationContext() {
                        @Override
                        public System.Logger logger() {
                            return invocation.context().logger();
                        }

                        @Override
                        public java.time.Clock clock() {
                            return invocation.context().clock();
                        }

                        @Override
                        public io.basicflow.spi.PluginConfiguration configuration() {
                            return invocation.context().configurationOf("data");
                        }
                    });
            Value row = insert.invoke(asInsert, scope, connection);
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
            return row;
        });
    }
}
