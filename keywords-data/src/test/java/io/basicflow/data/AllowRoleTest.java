package io.basicflow.data;

import static io.basicflow.data.DataEngines.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ALLOW ROLE}: the dialog goes on for a user whose roles (the bot's user memory "roles") include
 * one of those named, and stops, failed with a message naming the user and the roles, for anyone else —
 * the same in a direct and a durable run.
 */
@ExtendWith(PostgresExtension.class)
class AllowRoleTest {

    /** An administrator's script gives Ana her roles. */
    static final String GRANT = """
            SET USER "ana@example.com"
            SET USER MEMORY "roles", "analiseDados, compras"
            SET USER "carla@example.com"
            SET USER MEMORY "roles", ["gerente"]
            """;

    /** The bling bot's data analysis in our own words. */
    static final String ANALYSIS = """
            ALLOW ROLE "analiseDados"
            TALK "Welcome to the data analysis"
            """;

    private static Map<String, Value> user(String id) {
        return Map.of("user", new MapValue(Map.of("id", new TextValue(id))));
    }

    @Test
    void onlyAUserWithTheRoleGoesOnInADirectAndADurableRun(TestDatabase database) {
        assertCompleted(DataEngines.direct(database, "bling/grant.bas", GRANT, List.of()));

        DataEngines.Run ana = DataEngines.direct(
                DataEngines.connections(database), "bling/analysis.bas", ANALYSIS, List.of(), user("ana@example.com"));
        assertCompleted(ana);
        assertThat(ana.messages()).containsExactly("Welcome to the data analysis");
        DataEngines.Run bruno = DataEngines.direct(
                DataEngines.connections(database),
                "bling/analysis.bas",
                ANALYSIS,
                List.of(),
                user("bruno@example.com"));
        assertThat(bruno.messages()).isEmpty();
        assertThat(bruno.outcome())
                .startsWith("FAILED")
                .contains("bling/analysis.bas:1:1")
                .contains("the user 'bruno@example.com' does not have the role 'analiseDados' this dialog needs (they"
                        + " have no roles)")
                .contains("SET USER MEMORY \"roles\"");
        DataEngines.Run carla = DataEngines.direct(
                DataEngines.connections(database),
                "bling/either.bas",
                "ALLOW ROLE \"analiseDados\", \"gerente\"\nTALK \"either will do\"\n",
                List.of(),
                user("carla@example.com"));
        assertCompleted(carla);

        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new DataPlugin(), new RolesPlugin())
                .start()) {
            DataEngines.Run durableAna =
                    DataEngines.durable(engine, "bling/analysis.bas", ANALYSIS, user("ana@example.com"));
            assertCompleted(durableAna);
            assertThat(durableAna.messages()).isEqualTo(ana.messages());
            DataEngines.Run durableBruno =
                    DataEngines.durable(engine, "bling/analysis.bas", ANALYSIS, user("bruno@example.com"));
            assertThat(durableBruno.messages()).isEmpty();
            assertThat(durableBruno.outcome()).contains("the user 'bruno@example.com' does not have the role");
            DataEngines.Run actingAsAna = DataEngines.durable(
                    engine,
                    "bling/acting.bas",
                    "SET USER \"ana@example.com\"\nALLOW ROLE \"compras\"\nTALK \"as Ana\"\n",
                    user("bruno@example.com"));
            assertCompleted(actingAsAna);
        }
        DataEngines.Run otherBot = DataEngines.direct(
                DataEngines.connections(database), "shop/analysis.bas", ANALYSIS, List.of(), user("ana@example.com"));
        assertThat(otherBot.outcome()).as("roles are the bot's own").startsWith("FAILED");
    }
}
