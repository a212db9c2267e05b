package io.basicflow.app.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.app.schedules.ScheduleDeployment;
import io.basicflow.app.scripts.CompilerScriptChecker;
import io.basicflow.app.scripts.FolderScriptLibrary;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.events.FolderEvents;
import io.basicflow.compiler.events.MonitorDeclaration;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.schedule.Scheduler;
import io.basicflow.persistence.JdbcFolderMonitors;
import io.basicflow.persistence.JdbcScheduleStore;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ON CHANGE} on a real folder and a real database: the first scan takes the folder's state; each file
 * created, modified (its content) or deleted afterwards starts the handler once with the change in {@code
 * params} (and {@code GET LAST "folder_change_events"}); racing scanners start each change once; a folder
 * that leaves the bot's storage folder is refused.
 */
@ExtendWith(PostgresExtension.class)
class FolderMonitorsTest {

    @TempDir
    Path root;

    static final String WATCH = """
            TALK "the script's own run"
            ON CHANGE "uploads" EVENTS "create, modified, removed"
                TALK params.event_type + " " + params.file_path + " " + params.file_name + " " + params.mime_type + " " + params.size
            END ON
            ON CHANGE "uploads" EVENTS "new"
            e = GET LAST "folder_change_events"
            TALK "new " + e.file_name
            """;

    static List<JdbcFolderMonitors.Declared> declared(String script, String source) {
        return MonitorDeclaration.declaredIn(script, source).stream()
                .filter(m -> m.kind().equals("CHANGE"))
                .map(m -> new JdbcFolderMonitors.Declared(
                        script, m.line(), m.target(), FolderEvents.parse(m.clause("EVENTS")), m.source()))
                .toList();
    }

    Path drive() {
        return root.resolve("shop.gbai").resolve("shop.gbdrive");
    }

    FolderMonitorPoller poller(JdbcFolderMonitors monitors) {
        return new FolderMonitorPoller(monitors, script -> drive(), Clock.systemUTC());
    }

    static void write(Path file, String text, int secondsAhead) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsAhead)));
    }

    @Test
    void eachCreateModifyAndDeleteAfterTheBaselineStartsTheHandlerOnce(TestDatabase database) throws Exception {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            JdbcFolderMonitors monitors = new JdbcFolderMonitors(engine.database());
            Scheduler scheduler = new Scheduler(
                    new JdbcScheduleStore(engine.database()),
                    engine.engine(),
                    ZoneOffset.UTC,
                    Duration.ofMinutes(1),
                    Clock.systemUTC());
            Path uploads = drive().resolve("uploads");
            write(uploads.resolve("a.txt"), "first", 0);
            monitors.deploy(declared("shop/watch.bas", WATCH));
            FolderMonitorPoller poller = poller(monitors);

            assertThat(poller.poll())
                    .as("the first scan takes the folder's state")
                    .isZero();
            assertThat(monitors.list()).allSatisfy(m -> assertThat(m.scanned()).isTrue());

            write(uploads.resolve("sub").resolve("b.pdf"), "%PDF", 1);
            write(uploads.resolve("a.txt"), "second", 2);
            write(uploads.resolve(".hidden"), "never seen", 2);
            write(uploads.resolve("c.part"), "an unfinished write", 2);
            assertThat(poller.poll()).isEqualTo(3);
            assertThat(poller.poll()).as("a second scan starts nothing again").isZero();

            Files.setLastModifiedTime(
                    uploads.resolve("a.txt"), FileTime.from(Instant.now().plusSeconds(30)));
            assertThat(poller.poll())
                    .as("a new time with the same content is no change")
                    .isZero();

            Files.delete(uploads.resolve("sub").resolve("b.pdf"));
            Files.move(uploads.resolve("a.txt"), uploads.resolve("d.txt"));
            assertThat(poller.poll()).as("a rename is a delete and a create").isEqualTo(4);

            scheduler.poll();
            scheduler.poll();
            List<String> said = new ArrayList<>();
            for (String id : strings(
                    database,
                    "select id from workflow_executions where id like 'change:%' and script_name = 'shop/watch.bas'")) {
                engine.awaitStatus(id, ExecutionStatus.COMPLETED);
                said.addAll(engine.messages(id));
            }
            assertThat(said)
                    .containsExactlyInAnyOrder(
                            "create uploads/sub/b.pdf b.pdf application/pdf 4",
                            "new b.pdf",
                            "modify uploads/a.txt a.txt text/plain 6",
                            "delete uploads/sub/b.pdf b.pdf application/pdf 4",
                            "delete uploads/a.txt a.txt text/plain 6",
                            "create uploads/d.txt d.txt text/plain 6",
                            "new d.txt");
        }
    }

    @Test
    void racingScannersStartEachChangeOnce(TestDatabase database) throws Exception {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            JdbcFolderMonitors monitors = new JdbcFolderMonitors(engine.database());
            monitors.deploy(declared("shop/race.bas", "ON CHANGE \"inbox\"\nTALK params.file_name\n"));
            assertThat(poller(monitors).poll()).isZero();
            for (int i = 1; i <= 8; i++) {
                write(drive().resolve("inbox").resolve("f" + i + ".csv"), "row " + i, 1);
            }
            ExecutorService threads = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                FolderMonitorPoller poller = poller(monitors);
                results.add(threads.submit(() -> {
                    go.await();
                    return poller.poll() + poller.poll();
                }));
            }
            go.countDown();
            int added = 0;
            for (Future<Integer> result : results) {
                added += result.get();
            }
            threads.shutdown();
            assertThat(added).isEqualTo(8);
            assertThat(strings(database, "select id from workflow_registered_schedules where script = 'shop/race.bas'"))
                    .hasSize(8);
        }
    }

    @Test
    void aFolderOutsideTheBotsStorageIsRefused(TestDatabase database) throws Exception {
        Path scripts = root.resolve("scripts");
        Path dialog = Files.createDirectories(scripts.resolve("shop.gbai").resolve("shop.gbdialog"));
        Files.writeString(dialog.resolve("bad.bas"), """
                ON CHANGE "../../elsewhere"
                TALK "never"
                END ON
                ON CHANGE "gdrive:///reports"
                TALK "never"
                END ON
                ON CHANGE "/var/uploads" EVENTS "create"
                TALK "never"
                END ON
                ON CHANGE "ok" EVENTS "renamed"
                TALK "never"
                END ON
                ON CHANGE "in/side" EVENTS "delete"
                TALK "deployed"
                END ON
                """);
        FolderScriptLibrary library = new FolderScriptLibrary(
                scripts, new CompilerScriptChecker(new ScriptService(KeywordCatalogue.empty())));
        ScheduleDeployment deployment = new ScheduleDeployment(
                library, new JdbcScheduleStore(database.dataSource()), ZoneOffset.UTC, Optional.empty());
        assertThat(deployment.folderMonitors()).singleElement().satisfies(m -> {
            assertThat(m.folder()).isEqualTo("in/side");
            assertThat(m.events()).containsExactly("delete");
            assertThat(m.line()).isEqualTo(13);
        });

        // A link inside the storage folder that leads out of it: the scan refuses it and starts nothing.
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.createDirectories(drive());
        Files.createSymbolicLink(drive().resolve("linked"), outside);
        JdbcFolderMonitors monitors = new JdbcFolderMonitors(database.dataSource());
        monitors.deploy(declared("shop/link.bas", "ON CHANGE \"linked\"\nTALK 1\n"));
        FolderMonitorPoller poller = poller(monitors);
        assertThat(poller.poll()).isZero();
        write(outside.resolve("secret.txt"), "x", 1);
        assertThat(poller.poll()).isZero();
        assertThat(strings(database, "select last_error from workflow_folder_monitors where script = 'shop/link.bas'"))
                .singleElement()
                .asString()
                .contains("leads out of the bot's storage folder");
        assertThat(monitors.list())
                .singleElement()
                .satisfies(m -> assertThat(m.scanned()).isFalse());
    }

    private static List<String> strings(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1));
            }
            return found;
        }
    }
}
