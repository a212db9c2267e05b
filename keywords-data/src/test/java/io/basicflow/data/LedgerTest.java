package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.data.TransactionalCalls;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.TransactionalKeywordHandler;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Data in another database: the write and its ledger row commit together there, so a step retried
 * with the same idempotency key is answered from the ledger and does not write again.
 */
@ExtendWith(PostgresExtension.class)
class LedgerTest {

    private static final InvocationContext CONTEXT = DataEngines.context(PluginConfiguration.empty("data"));

    @Test
    void aRetriedStepIsAnsweredFromTheLedgerAndWritesOnce(TestDatabase database) throws Exception {
        DataPlugin plugin = new DataPlugin();
        TransactionalKeywordHandler insert =
                plugin.transactionalHandler("INSERT").orElseThrow();
        AtomicInteger calls = new AtomicInteger();
        TransactionalKeywordHandler counted = (invocation, scope, connection) -> {
            calls.incrementAndGet();
            return insert.invoke(invocation, scope, connection);
        };
        Map<String, Value> arguments = new LinkedHashMap<>();
        arguments.put("table", new TextValue("visits"));
        arguments.put("data", new MapValue(Map.of("who", new TextValue("ana"))));
        ExecutionScope scope = new ExecutionScope("ledger/start", "ledger", "u", "run-1");
        var elsewhere = new io.basicflow.engine.data.DataConnections() {
            @Override
            public java.sql.Connection open() throws java.sql.SQLException {
                return DataEngines.connections(database).open();
            }

            @Override
            public boolean sharesEngineDatabase() {
                return false;
            }
        };

        TransactionalCalls.Attempt first = TransactionalCalls.ownTransaction(
                elsewhere, counted, new Invocation("INSERT", arguments, "run-1/5", "run-1", 1, CONTEXT), scope, true);
        TransactionalCalls.Attempt again = TransactionalCalls.ownTransaction(
                elsewhere, counted, new Invocation("INSERT", arguments, "run-1/5", "run-1", 2, CONTEXT), scope, true);
        TransactionalCalls.Attempt next = TransactionalCalls.ownTransaction(
                elsewhere, counted, new Invocation("INSERT", arguments, "run-1/9", "run-1", 1, CONTEXT), scope, true);

        assertThat(calls).hasValue(2);
        assertThat(again.value()).isEqualTo(first.value());
        assertThat(next.value()).isNotEqualTo(first.value());
        assertThat(DataEngines.rows(database, "bot_ledger", "visits"))
                .containsExactly("id=1, who=ana", "id=2, who=ana");
        assertThat(DataEngines.rows(database, "public", "basicflow_data_ledger", "written_at"))
                .containsExactly(
                        "idempotency_key=run-1/5, result={\"id\":1,\"who\":\"ana\"}",
                        "idempotency_key=run-1/9, result={\"id\":2,\"who\":\"ana\"}");
    }
}
