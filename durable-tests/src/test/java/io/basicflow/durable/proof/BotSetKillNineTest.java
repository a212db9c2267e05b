package io.basicflow.durable.proof;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts that build a bot set ({@code ADD BOT}, {@code REMOVE BOT}) and {@code BROADCAST … TO BOTS}
 * twice run in real worker JVMs killed with SIGKILL at seeded points (after N more commits, or a seeded
 * time after the worker is ready). A last worker finishes everything. Each script must end with the
 * result and variables (the set included) of its uninterrupted direct run, with exactly one child per
 * bot per broadcast (two, then three), each completed: a broadcast never starts a bot twice.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class BotSetKillNineTest {

    private static final int EXECUTIONS = Integer.getInteger("basicflow.proof.broadcasts", 8);

    static final String NAME = "broadcasting.bas";

    static final String SOURCE = """
            #workflow
            score = 7
            ADD BOT "scorer" TRIGGER ON "score, rating"
            ADD BOT "logger" WITH TOOLS "log"
            ADD BOT "shipper" WITH TRIGGER "ship"
            REMOVE BOT "logger"
            BROADCAST "order " + n TO BOTS
            ADD BOT "logger" TRIGGER "log"
            BROADCAST "again " + n TO BOTS
            RETURN n * 10
            """;

    @Test
    void broadcastingScriptsSurviveKillNineWithEveryBotRunOncePerBroadcast(
            TestDatabase database, @TempDir Path effects, @TempDir Path scripts) throws IOException {
        DelegateKillNineTest.writeBots(scripts);
        DelegateKillNineTest.prove(database, effects, scripts, "bcast-", NAME, SOURCE, EXECUTIONS, 5);
    }
}
