package io.basicflow.app.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.basicflow.app.scripts.CompilerScriptChecker;
import io.basicflow.app.scripts.FolderScriptLibrary;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.engine.schedule.DeployedSchedule;
import io.basicflow.engine.schedule.EventHandler;
import io.basicflow.engine.schedule.Schedule;
import io.basicflow.engine.schedule.ScheduleStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleDeploymentTest {

    @TempDir
    Path folder;

    /** Keeps what was deployed last. */
    private static final class LastDeployment implements ScheduleStore {
        List<DeployedSchedule> deployed = new ArrayList<>();

        @Override
        public void deploy(List<DeployedSchedule> schedules) {
            deployed = List.copyOf(schedules);
        }

        List<EventHandler> handlers = new ArrayList<>();

        @Override
        public void deployHandlers(List<EventHandler> deployed) {
            handlers = List.copyOf(deployed);
        }

        @Override
        public List<io.basicflow.engine.schedule.RowHandler> deployRowHandlers(
                List<io.basicflow.engine.schedule.RowHandler> deployed) {
            return List.of();
        }

        @Override
        public List<Schedule> list() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int fireDue(Instant now, int limit, Function<Schedule, Fired> fire) {
            throw new UnsupportedOperationException();
        }
    }

    private ScheduleDeployment deployment(LastDeployment store, ZoneId zone) {
        FolderScriptLibrary library =
                new FolderScriptLibrary(folder, new CompilerScriptChecker(new ScriptService(KeywordCatalogue.empty())));
        return new ScheduleDeployment(library, store, zone);
    }

    @Test
    void theScheduleLinesOfABotFolderAreDeployedUnderTheirScriptNames() throws Exception {
        Path dialog = Files.createDirectories(folder.resolve("reports.gbai").resolve("reports.gbdialog"));
        String daily = "TALK \"hello\"\nSET SCHEDULE \"every day at 9am\"\n";
        Files.writeString(dialog.resolve("daily.bas"), daily);
        Files.writeString(dialog.resolve("start.bas"), "TALK \"no schedule\"\n");
        Files.writeString(folder.resolve("sync.bas"), "SET SCHEDULE \"0 30 22 * * *\"\nTALK \"sync\"\n");
        LastDeployment store = new LastDeployment();

        deployment(store, ZoneOffset.UTC).deploy(Instant.parse("2026-12-07T10:00:00Z"));

        assertThat(store.deployed)
                .extracting(
                        DeployedSchedule::script,
                        DeployedSchedule::expression,
                        DeployedSchedule::cron,
                        DeployedSchedule::line,
                        DeployedSchedule::firstFireAt)
                .containsExactly(
                        tuple(
                                "reports/daily.bas",
                                "every day at 9am",
                                "0 9 * * *",
                                2,
                                Instant.parse("2026-12-08T09:00:00Z")),
                        tuple("sync.bas", "0 30 22 * * *", "0 30 22 * * *", 1, Instant.parse("2026-12-07T22:30:00Z")));
        assertThat(store.deployed.getFirst().source()).isEqualTo(daily);

        // The line removed: the next deployment has no schedule for it.
        Files.writeString(dialog.resolve("daily.bas"), "TALK \"hello\"\n");
        deployment(store, ZoneOffset.UTC).deploy(Instant.parse("2026-12-07T10:00:10Z"));
        assertThat(store.deployed).extracting(DeployedSchedule::script).containsExactly("sync.bas");
    }

    @Test
    void theFirstTickIsReadInTheConfiguredZone() throws Exception {
        Files.writeString(folder.resolve("r.bas"), "SET SCHEDULE \"at 9am\"\n");
        LastDeployment store = new LastDeployment();

        deployment(store, ZoneId.of("America/Sao_Paulo")).deploy(Instant.parse("2026-12-07T10:00:00Z"));

        assertThat(store.deployed)
                .singleElement()
                .extracting(DeployedSchedule::firstFireAt)
                .isEqualTo(Instant.parse("2026-12-07T12:00:00Z")); // 9:00 at UTC-3
    }

    @Test
    void theEventHandlersOfABotFolderAreDeployedWithTheirBotAndRemovedWithTheirBlock() throws Exception {
        Path dialog = Files.createDirectories(folder.resolve("leads.gbai").resolve("leads.gbdialog"));
        Files.writeString(dialog.resolve("scoring.bas"), """
                ON "pricing:viewed"
                    TALK "lead " + params.lead_id
                END ON
                TALK "main"
                """);
        Files.writeString(folder.resolve("loose.bas"), "ON EVENT \"ping\" DO\n  TALK \"pong\"\nEND ON\n");
        LastDeployment store = new LastDeployment();

        deployment(store, ZoneOffset.UTC).deploy(Instant.parse("2026-12-07T10:00:00Z"));

        assertThat(store.handlers)
                .extracting(EventHandler::script, EventHandler::line, EventHandler::event, EventHandler::bot)
                .containsExactlyInAnyOrder(
                        tuple("leads/scoring.bas", 1, "pricing:viewed", "leads"),
                        tuple("loose.bas", 1, "ping", "default"));
        assertThat(store.handlers)
                .filteredOn(h -> h.event().equals("pricing:viewed"))
                .singleElement()
                .satisfies(h -> assertThat(h.source())
                        .contains("TALK \"lead \" + params.lead_id")
                        .doesNotContain("main"));

        Files.writeString(dialog.resolve("scoring.bas"), "TALK \"main\"\n");
        deployment(store, ZoneOffset.UTC).deploy(Instant.parse("2026-12-07T10:00:10Z"));
        assertThat(store.handlers).extracting(EventHandler::event).containsExactly("ping");
    }
}
