package io.basicflow.data;

import static io.basicflow.data.DataEngines.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code BOT SHARE MEMORY} and {@code BOT SYNC MEMORY FROM}: one bot's memory copied into another's,
 * the same in a direct and a durable run, on a real PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class SharedMemoryTest {

    /** The analyst learns patterns and shares one with its moderator bot (named by the test). */
    static String analyst(String moderator) {
        return """
                SET BOT MEMORY "patterns", ["spam", "scam"]
                SET BOT MEMORY "threshold", 0.8
                shared = BOT SHARE MEMORY "patterns" WITH "%s"
                nothing = BOT SHARE MEMORY "never_set" WITH "%s"
                TALK "shared " + shared + ", unset " + nothing
                """.formatted(moderator, moderator);
    }

    /** The moderator reads what was shared, then takes all of the analyst's memory. */
    static String moderator(String analyst) {
        return """
                SET BOT MEMORY "threshold", 0.5
                p = GET BOT MEMORY("patterns")
                t = GET BOT MEMORY("threshold")
                TALK "patterns " + LEN(p) + " " + p[1] + ", threshold " + t
                n = BOT SYNC MEMORY FROM "%s"
                t = GET BOT MEMORY("threshold")
                TALK "synced " + n + ", threshold " + t
                """.formatted(analyst);
    }

    static final List<String> SAID =
            List.of("shared true, unset false", "patterns 2 scam, threshold 0.5", "synced 2, threshold 0.8");

    @Test
    void aSharedValueReachesTheOtherBotOnceInBothModes(TestDatabase database) throws Exception {
        DataEngines.Run first = DataEngines.direct(database, "analystd/start.bas", analyst("moderatord"), List.of());
        DataEngines.Run second = DataEngines.direct(database, "moderatord/start.bas", moderator("analystd"), List.of());
        assertCompleted(first);
        assertCompleted(second);
        assertThat(List.of(first.messages(), second.messages()))
                .containsExactly(SAID.subList(0, 1), SAID.subList(1, 3));
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run one = DataEngines.durable(
                    engine, "analyst.gbai/analyst.gbdialog/start.bas", analyst("moderator"), Map.of());
            DataEngines.Run two = DataEngines.durable(engine, "moderator/start.bas", moderator("analyst"), Map.of());
            assertCompleted(one);
            assertCompleted(two);
            assertThat(List.of(one.messages(), two.messages())).containsExactly(SAID.subList(0, 1), SAID.subList(1, 3));
        }
        for (String bot : List.of("moderator", "moderatord")) {
            assertThat(DataEngines.rows(database, "bot_" + bot, "basicflow_bot_memory", "updated_at"))
                    .as(bot)
                    .containsExactly("key=patterns, value=[\"spam\",\"scam\"]", "key=threshold, value=0.8");
        }
    }

    @Test
    void aBadBotNameOrTheBotItselfFailsTheStepSayingWhy(TestDatabase database) {
        DataEngines.Run bad =
                DataEngines.direct(database, "selfish/start.bas", "BOT SHARE MEMORY \"k\" WITH \"a/b\"\n", List.of());
        assertThat(bad.outcome()).contains("FAILED").contains("'a/b' is not a bot name");
        DataEngines.Run self = DataEngines.direct(
                database,
                "selfish/start.bas",
                "SET BOT MEMORY \"k\", 1\nBOT SHARE MEMORY \"k\" WITH \"Selfish\"\n",
                List.of());
        assertThat(self.outcome()).contains("FAILED").contains("is this bot itself");
    }
}
