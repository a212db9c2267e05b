package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EVENTS;
import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Payloads through Jackson into the json columns of PostgreSQL and back, numbers exact. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonbRoundTripTest {

    private final JsonbCodec codec = new JsonbCodec();
    private Database database;
    private DSLContext dsl;

    @BeforeAll
    void start(TestDatabase testDatabase) {
        database = testDatabase.startDatabase();
        dsl = database.dsl();
    }

    @AfterAll
    void stop() {
        database.close();
    }

    @Test
    void nestedValuesComeBackEqual_decimalsExact() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("tenth", new BigDecimal("0.1"));
        payload.put("long decimal", new BigDecimal("12345678901234567890.123"));
        payload.put("scale kept", new BigDecimal("1.50"));
        payload.put("tiny", new BigDecimal("1E-20"));
        payload.put("beyond long", new BigInteger("123456789012345678901234567890"));
        payload.put("max long", Long.MAX_VALUE);
        payload.put("min long", Long.MIN_VALUE);
        payload.put("zero", 0);
        payload.put("text", "quote \" backslash \\ newline \n tab \t emoji \uD83D\uDE00 accents \u00e9\u00fc");
        payload.put("flag", true);
        payload.put("nothing", null);
        payload.put("list", Arrays.asList(1, "two", List.of(new BigDecimal("3.25")), null, Map.of("deep", List.of())));
        payload.put(
                "nested",
                Map.of("level 2", Map.of("level 3", List.of(new BigDecimal("-0.000001"), new BigDecimal("1e+3")))));

        JsonNode back = roundTrip("decimals", payload);

        assertThat(back).isEqualTo(codec.readTree(codec.write(payload)));
        assertThat(back.get("tenth").decimalValue()).isEqualTo(new BigDecimal("0.1"));
        assertThat(back.get("long decimal").decimalValue().toPlainString()).isEqualTo("12345678901234567890.123");
        assertThat(back.get("scale kept").decimalValue().toPlainString()).isEqualTo("1.50");
        assertThat(back.get("tiny").decimalValue()).isEqualByComparingTo("1E-20");
        assertThat(back.get("beyond long").bigIntegerValue())
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(back.get("max long").longValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(back.get("min long").longValue()).isEqualTo(Long.MIN_VALUE);
        assertThat(back.get("text").textValue()).isEqualTo(payload.get("text"));
        assertThat(back.get("nothing").isNull()).isTrue();
        assertThat(back.at("/nested/level 2/level 3/1").decimalValue()).isEqualByComparingTo("1000");
    }

    @Test
    void postgresqlHoldsTheDecimalsAsExactNumerics() {
        Map<String, Object> payload =
                Map.of("tenth", new BigDecimal("0.1"), "long decimal", new BigDecimal("12345678901234567890.123"));
        roundTrip("numerics", payload);

        var row = dsl.select(
                        DSL.field("(payload->>'tenth')::numeric + 0.2", BigDecimal.class),
                        DSL.field("payload->>'long decimal'", String.class))
                .from(WORKFLOW_EVENTS)
                .where(WORKFLOW_EVENTS.EXECUTION_ID.eq("numerics"))
                .fetchSingle();
        // 0.1 + 0.2 is 0.3 exactly, not 0.30000000000000004: nothing went through a double.
        assertThat(row.value1()).isEqualTo(new BigDecimal("0.3"));
        assertThat(row.value2()).isEqualTo("12345678901234567890.123");
    }

    /** The shape a snapshot may take: a record of lists and maps. */
    record Frame(String block, int index, List<Long> counters) {}

    record Snapshot(List<Frame> cursor, Map<String, BigDecimal> amounts, String lastInput) {}

    @Test
    void recordsComeBackEqual() {
        Snapshot snapshot = new Snapshot(
                List.of(new Frame("main", 3, List.of()), new Frame("main/if/then", 0, List.of(2L, 9_000_000_000L))),
                Map.of("price", new BigDecimal("19.90"), "vat", new BigDecimal("0.077")),
                "yes, please");
        Executions.insertRunnable(database, "record");

        dsl.update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.STATE, codec.write(snapshot))
                .where(WORKFLOW_EXECUTIONS.ID.eq("record"))
                .execute();
        JSON stored = dsl.fetchValue(WORKFLOW_EXECUTIONS.STATE, WORKFLOW_EXECUTIONS.ID.eq("record"));

        assertThat(codec.read(stored, Snapshot.class)).isEqualTo(snapshot);
    }

    @Test
    void sqlNullReadsAsNull() {
        Executions.insertRunnable(database, "no-state");
        JSON stored = dsl.fetchValue(WORKFLOW_EXECUTIONS.STATE, WORKFLOW_EXECUTIONS.ID.eq("no-state"));

        assertThat(stored).isNull();
        assertThat(codec.read(stored, Snapshot.class)).isNull();
        assertThat(codec.readTree(stored)).isNull();
    }

    @Test
    void aLargeListSurvives() {
        List<Object> numbers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            numbers.add(new BigDecimal(i + ".01"));
        }
        JsonNode back = roundTrip("large", Map.of("numbers", numbers));

        assertThat(back.get("numbers")).hasSize(10_000);
        assertThat(back.get("numbers").get(9_999).decimalValue().toPlainString())
                .isEqualTo("9999.01");
    }

    private JsonNode roundTrip(String executionId, Object payload) {
        Executions.insertRunnable(database, executionId);
        dsl.insertInto(WORKFLOW_EVENTS)
                .set(WORKFLOW_EVENTS.EXECUTION_ID, executionId)
                .set(WORKFLOW_EVENTS.SEQ, 1L)
                .set(WORKFLOW_EVENTS.TYPE, "ExecutionStarted")
                .set(WORKFLOW_EVENTS.PAYLOAD, codec.write(payload))
                .execute();
        return codec.readTree(dsl.fetchValue(
                WORKFLOW_EVENTS.PAYLOAD,
                WORKFLOW_EVENTS.EXECUTION_ID.eq(executionId).and(WORKFLOW_EVENTS.SEQ.eq(1L))));
    }
}
