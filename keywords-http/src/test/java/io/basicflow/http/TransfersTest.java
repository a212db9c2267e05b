package io.basicflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.files.FilesPlugin;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.EffectCall;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DOWNLOAD url[, path]} and {@code UPLOAD source [TO folder] [AS name]} against a real local
 * server: the bytes land in the bot's storage unchanged, a completed transfer is never fetched again
 * by a resumed run, a crash mid-step leaves the file once, and paths never leave the storage.
 */
class TransfersTest {

    /** Bytes that are no UTF-8 text: a download must keep them as they are. */
    static final byte[] IMAGE = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe, 13, 10, 7};

    static final String SCRIPT = """
            file = DOWNLOAD base + "/cat"
            TALK "saved " + file
            kept = DOWNLOAD base + "/files/report.csv", "imports/data-1.csv"
            TALK "kept " + kept
            named = DOWNLOAD base + "/files/report.csv" AS "imports/named.csv"
            TALK "named " + named
            info = UPLOAD base + "/files/report.csv" TO "archive" AS "2026.csv"
            TALK info.path + " " + info.filename + " " + info.size + " " + info.type + " " + info.md5
            copy = UPLOAD "imports/data-1.csv" TO "/backup/"
            TALK copy.path + " " + copy.type
            items = LIST "imports/"
            FOR EACH item IN items
                again = UPLOAD item, "backup/by-item.csv"
            NEXT
            RETURN again.size
            """;

    static final List<String> MESSAGES = List.of(
            "saved downloads/cat.png",
            "kept imports/data-1.csv",
            "named imports/named.csv",
            "archive/2026.csv 2026.csv 8 text/csv e5ebd4c02cefbe7955977c67ada242b7",
            "backup/data-1.csv text/csv");

    static final List<String> TREE = List.of(
            "archive/2026.csv",
            "backup/by-item.csv",
            "backup/data-1.csv",
            "downloads/cat.png",
            "imports/data-1.csv",
            "imports/named.csv");

    @TempDir
    Path root;

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer()
                .route("/cat", (exchange, request) -> {
                    exchange.getResponseHeaders().set("Content-Type", "image/png");
                    exchange.sendResponseHeaders(200, IMAGE.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(IMAGE);
                    }
                })
                .route(
                        "/files/report.csv",
                        (exchange, request) -> TestServer.reply(exchange, 200, "text/csv", "a,b\n1,2\n"))
                .route("/missing", (exchange, request) -> TestServer.reply(exchange, 404, "text/plain", "no such"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theFilesLandUnchangedAndTheRunsSayTheSameInBothModes() throws Exception {
        Path directRoot = Files.createDirectories(root.resolve("direct"));
        DirectRun direct = DirectRun.of(
                List.of(new HttpPlugin(), new FilesPlugin()),
                Map.of("basicflow.http.allow", "127.0.0.1", "basicflow.files.root", directRoot.toString()),
                "shop/start.bas",
                SCRIPT,
                Map.of("base", Value.text(server.url(""))));
        assertThat(direct.outcome()).isEqualTo(new DirectOutcome.Completed(Optional.of(Value.of(8))));
        assertThat(direct.messages()).containsExactlyElementsOf(MESSAGES);

        Path durableRoot = Files.createDirectories(root.resolve("durable"));
        try (BasicflowTestKit kit = kit(durableRoot)) {
            ScriptRun run = kit.run("shop/start.bas", "#workflow\n" + SCRIPT, Map.of("base", server.url("")));

            assertThat(run.awaitResult()).isEqualTo(Value.of(8));
            assertThat(run.messages()).containsExactlyElementsOf(MESSAGES);
        }
        for (Path storage : List.of(directRoot, durableRoot)) {
            Path drive = storage.resolve("shop.gbai/shop.gbdrive");
            assertThat(tree(drive)).containsExactlyElementsOf(TREE);
            assertThat(drive.resolve("downloads/cat.png")).hasBinaryContent(IMAGE);
            assertThat(drive.resolve("backup/by-item.csv")).hasContent("a,b\n1,2\n");
        }
        // four fetches per run, two runs: a storage file is copied without a call
        assertThat(server.requests()).hasSize(8);
    }

    @Test
    void aCompletedDownloadIsNotFetchedAgainWhenTheRunResumes() throws Exception {
        String source = "#workflow\nfile = DOWNLOAD base + \"/cat\"\nnext = DOWNLOAD base + \"/files/report.csv\"\n"
                + "RETURN file\n";
        try (BasicflowTestKit kit = kit(root).crashAt(StepMatcher.effectCompleted("DOWNLOAD"))) {
            ScriptRun run = kit.run("shop/cat.bas", source, Map.of("base", server.url("")));

            assertThat(run.awaitResult()).isEqualTo(Value.text("downloads/cat.png"));
            assertThat(kit.crashes()).isEqualTo(1);
            // the next DOWNLOAD started in the commit that completed the first, so the dying engine ran
            // it once and the new one again; the completed first one ran only before the crash
            assertThat(kit.effectCalls("DOWNLOAD"))
                    .extracting(call -> call.arguments().get("source").display())
                    .containsExactly(
                            server.url("/cat"), server.url("/files/report.csv"), server.url("/files/report.csv"));
        }
        assertThat(server.requests())
                .extracting(TestServer.Request::path)
                .containsExactly("/cat", "/files/report.csv", "/files/report.csv");
    }

    @Test
    void aDownloadWhoseCompletionWasLostIsWrittenOnceWithItsKey() throws Exception {
        String source = "#workflow\nfile = DOWNLOAD base + \"/cat\", \"pics/cat.png\"\nRETURN file\n";
        try (BasicflowTestKit kit = kit(root).crashAt(StepMatcher.effectStarted("DOWNLOAD"))) {
            ScriptRun run = kit.run("shop/cat.bas", source, Map.of("base", server.url("")));

            assertThat(run.awaitResult()).isEqualTo(Value.text("pics/cat.png"));
            assertThat(kit.crashes()).isEqualTo(1);
            List<EffectCall> calls = kit.effectCalls("DOWNLOAD");
            assertThat(calls).hasSize(2);
            assertThat(calls)
                    .extracting(EffectCall::idempotencyKey)
                    .containsOnly(calls.getFirst().idempotencyKey());
        }
        Path pics = root.resolve("shop.gbai/shop.gbdrive/pics");
        try (Stream<Path> files = Files.list(pics)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("cat.png"); // no .part left
        }
        assertThat(pics.resolve("cat.png")).hasBinaryContent(IMAGE);
    }

    @Test
    void aDestinationOutOfTheStorageFailsWithTheReasonAndWritesNothing() throws Exception {
        try (BasicflowTestKit kit = kit(root)) {
            ScriptRun run = kit.run(
                    "shop/bad.bas",
                    "#workflow\nx = DOWNLOAD base + \"/cat\", \"../other.gbai/x.png\"\n",
                    Map.of("base", server.url("")));

            run.awaitStatus(ExecutionStatus.FAILED);

            assertThat(run.error().orElseThrow().toString()).contains("DOWNLOAD: PATH_TRAVERSAL");
            assertThat(kit.effectCalls("DOWNLOAD")).hasSize(1); // refused for good: not retried
        }
        assertThat(root.resolve("other.gbai")).doesNotExist();
    }

    @Test
    void aMissingFileOnTheServerIsAnErrorTheScriptCanTest() {
        String source = """
                ON ERROR RESUME NEXT
                x = DOWNLOAD base + "/missing"
                TALK ERROR MESSAGE
                y = UPLOAD "nothing/here.pdf"
                TALK ERROR MESSAGE
                z = DOWNLOAD "docs/guide.pdf"
                TALK ERROR MESSAGE
                """;
        List<String> messages = DirectRun.of(
                        List.of(new HttpPlugin(), new FilesPlugin()),
                        Map.of("basicflow.http.allow", "127.0.0.1", "basicflow.files.root", root.toString()),
                        "shop/err.bas",
                        source,
                        Map.of("base", Value.text(server.url(""))))
                .messages();

        assertThat(messages).hasSize(3);
        assertThat(messages.get(0)).contains("DOWNLOAD").contains("/missing").contains("answered 404");
        assertThat(messages.get(1)).contains("UPLOAD of the storage file 'nothing/here.pdf' needs a destination");
        assertThat(messages.get(2)).contains("no http(s) URL").contains("SEND FILE \"docs/guide.pdf\"");
    }

    @Test
    void theReferencesSendToUserFormsAreRefusedNamingTheWayToSendAFile() {
        // TO user: TO is the destination path (as the scripts' second argument); a storage source is refused
        DirectRun toUser = DirectRun.of(
                List.of(new HttpPlugin(), new FilesPlugin()),
                Map.of("basicflow.files.root", root.toString()),
                "shop/send.bas",
                "DOWNLOAD \"reports/jan.pdf\" TO manager\n",
                Map.of());
        assertThat(toUser.outcome()).isInstanceOf(DirectOutcome.Failed.class);
        assertThat(toUser.outcome().toString())
                .contains("'reports/jan.pdf' is no http(s) URL")
                .contains("SEND FILE \"reports/jan.pdf\"");
        // AS "name" of a storage file (the page's "send it with this name"): DOWNLOAD only fetches URLs
        DirectRun sent = DirectRun.of(
                List.of(new HttpPlugin(), new FilesPlugin()),
                Map.of("basicflow.files.root", root.toString()),
                "shop/send.bas",
                "DOWNLOAD \"reports/jan.pdf\" AS \"January.pdf\"\n",
                Map.of());
        assertThat(sent.outcome()).isInstanceOf(DirectOutcome.Failed.class);
        assertThat(sent.outcome().toString())
                .contains("'reports/jan.pdf' is no http(s) URL")
                .contains("SEND FILE \"reports/jan.pdf\"");
        assertThat(root.resolve("shop.gbai/shop.gbdrive")).doesNotExist();
    }

    @Test
    void aNameComesFromTheUrlAndTheContentType() {
        assertThat(Transfers.nameOf("https://x.org/a/b/report.pdf?x=1", "text/html"))
                .isEqualTo("report.pdf");
        assertThat(Transfers.nameOf("https://cataas.com/cat", "image/jpeg")).isEqualTo("cat.jpg");
        assertThat(Transfers.nameOf("https://x.org/", null)).isEqualTo("download");
        assertThat(Transfers.nameOf("https://x.org/a/..", null)).isEqualTo("download");
        assertThat(Transfers.nameOf("https://x.org/.hidden", null)).isEqualTo("hidden");
        assertThat(Transfers.nameOf("https://x.org/my%20file.txt", null)).isEqualTo("my_file.txt");
    }

    private BasicflowTestKit kit(Path filesRoot) {
        return BasicflowTestKit.withPlugins(new HttpPlugin(), new FilesPlugin())
                .configuration("http.allow", "127.0.0.1")
                .configuration("files.root", filesRoot.toString());
    }

    private static List<String> tree(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> folder.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
