package io.basicflow.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.files.FilesPlugin;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code RUN PYTHON}, {@code RUN JAVASCRIPT} and {@code RUN BASH} with real interpreters in real child
 * processes: keyword-run-code.md's forms give the same messages direct and durable; the feature is off
 * until enabled; the code gets no environment of the server, no network, another user and its own
 * temporary folder; the limits stop it with a clear error; {@code WITH FILE} reads the bot's storage
 * only; a resumed run uses the recorded output.
 */
class RunCodeTest {

    static final String SCRIPT = """
            four = RUN PYTHON "print(2 + 2)"
            TALK "2 + 2 = " + four
            code = "
            import json, statistics
            sales = [10, 20, 60]
            print(json.dumps({'total': sum(sales), 'median': statistics.median(sales)}))
            "
            stats = RUN PYTHON code
            TALK "stats " + stats
            names = RUN JAVASCRIPT "console.log(JSON.stringify(['ana', 'bo'].map(n => n.toUpperCase())))"
            TALK names
            where = RUN BASH "echo shell $((6 * 7)); basename $(pwd) | cut -c1-13"
            TALK where
            greeting = RUN PYTHON WITH FILE "scripts/greet.py"
            TALK greeting
            ON ERROR RESUME NEXT
            missing = RUN PYTHON "import not_a_module_here"
            IF ERROR THEN
                TALK "failed: " + ERROR_MESSAGE
            END IF
            RETURN four
            """;

    @TempDir
    Path root;

    private Map<String, String> settings(Path files) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("basicflow.code.enabled", "true");
        settings.put("basicflow.files.root", files.toString());
        return settings;
    }

    private static Path storage(Path filesRoot) throws IOException {
        Path scripts = Files.createDirectories(filesRoot.resolve("shop.gbai/shop.gbdrive/scripts"));
        Files.writeString(scripts.resolve("greet.py"), "name = 'from a file'\nprint(f'hello {name}')\n");
        return filesRoot;
    }

    private static BasicflowTestKit kit(Map<String, String> settings) {
        BasicflowTestKit kit = BasicflowTestKit.withPlugins(new CodePlugin(), new FilesPlugin());
        settings.forEach((key, value) -> kit.configuration(key.substring("basicflow.".length()), value));
        return kit;
    }

    private DirectRun direct(Map<String, String> settings, String source) {
        return DirectRun.of(List.of(new CodePlugin(), new FilesPlugin()), settings, "shop/start.bas", source, Map.of());
    }

    @Test
    void theReferenceFormsSayTheSameDirectAndDurable() throws Exception {
        Map<String, String> settings = settings(storage(root.resolve("files")));
        DirectRun direct = direct(settings, SCRIPT);
        assertThat(direct.outcome()).isEqualTo(new DirectOutcome.Completed(Optional.of(Value.text("4"))));
        assertThat(direct.messages()).hasSize(6);
        assertThat(direct.messages().subList(0, 5))
                .containsExactly(
                        "2 + 2 = 4",
                        "stats {\"total\": 90, \"median\": 20}",
                        "[\"ANA\",\"BO\"]",
                        "shell 42\nbasicflow-run",
                        "hello from a file");
        assertThat(direct.messages().get(5))
                .startsWith(
                        "failed: RUN PYTHON failed: the code exited with code 1; its error output ended with: Traceback")
                .contains("File \"main.py\", line 1")
                .contains("ModuleNotFoundError: No module named 'not_a_module_here'");

        try (BasicflowTestKit kit = kit(settings)) {
            ScriptRun run = kit.run("shop/start.bas", "#workflow\n" + SCRIPT);
            assertThat(run.awaitResult()).isEqualTo(Value.text("4"));
            assertThat(run.messages()).isEqualTo(direct.messages());
            assertThat(run.events("EffectCompleted")).hasSize(5);
        }
    }

    @Test
    void runningCodeIsOffUntilTheServerEnablesIt() {
        DirectRun direct = direct(Map.of(), "TALK \"before\"\nx = RUN BASH \"echo hi\"\nTALK x\n");
        assertThat(direct.messages()).containsExactly("before");
        DirectOutcome.Failed failed = (DirectOutcome.Failed) direct.outcome();
        assertThat(failed.error().message())
                .contains("RUN BASH failed: running code is off on this server")
                .contains("set basicflow.code.enabled=true");
        assertThat(failed.error().span().orElseThrow().line()).isEqualTo(2);
        assertThat(new CodePlugin()
                        .missingConfiguration("RUN PYTHON", io.basicflow.spi.PluginConfiguration.empty("code")))
                .hasValueSatisfying(text -> assertThat(text).contains("basicflow.code.enabled=true"));
    }

    @Test
    void theCodeGetsNoEnvironmentNoNetworkAnotherUserAndAFolderOfItsOwn() throws Exception {
        String secret = System.getenv().keySet().stream()
                .filter(name -> !List.of("PATH", "HOME", "LANG", "TMPDIR", "PWD", "SHLVL", "_")
                        .contains(name))
                .findFirst()
                .orElseThrow();
        Path privateFile = root.resolve("private.txt");
        Files.writeString(privateFile, "server secret");
        Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String source = "env = RUN BASH \"env | cut -d= -f1 | sort | tr '\\\\n' ' '\"\n"
                    + "TALK env\n"
                    + "who = RUN BASH \"id -u\"\n"
                    + "TALK who\n"
                    + "net = RUN PYTHON \"import socket\ntry:\n    socket.create_connection(('127.0.0.1', "
                    + server.getLocalPort() + "), timeout=2)\n    print('connected')\nexcept OSError as e:\n"
                    + "    print('no network')\"\n"
                    + "TALK net\n"
                    + "peek = RUN BASH \"cat " + privateFile + " 2>&1 || true\"\n"
                    + "TALK peek\n"
                    + "RUN BASH \"echo left > leftover.txt\"\n"
                    + "again = RUN BASH \"ls | tr '\\\\n' ' '\"\n"
                    + "TALK again\n";
            DirectRun run = direct(settings(root), source);
            assertThat(run.outcome()).isInstanceOf(DirectOutcome.Completed.class);
            assertThat(run.messages().get(0))
                    .isEqualTo("HOME LANG PATH PWD SHLVL TMPDIR _ ")
                    .doesNotContain(secret);
            assertThat(run.messages().get(1)).isEqualTo(String.valueOf(Sandbox.NOBODY));
            assertThat(run.messages().get(2)).isEqualTo("no network");
            assertThat(run.messages().get(3)).contains("Permission denied").doesNotContain("server secret");
            // each run starts in a fresh folder holding only its own code file
            assertThat(run.messages().get(4)).isEqualTo("main.sh ");
        }
    }

    @Test
    void theLimitsStopTheCodeWithAClearError() {
        Map<String, String> settings = new LinkedHashMap<>(settings(root));
        settings.put("basicflow.code.timeout-seconds", "2");
        settings.put("basicflow.code.output-kb", "4");
        settings.put("basicflow.code.memory-mb", "200");
        long started = System.nanoTime();
        assertThat(error(settings, "RUN BASH \"sleep 60\""))
                .contains(
                        "RUN BASH failed: the code ran longer than 2 s and was stopped (basicflow.code.timeout-seconds)");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(20_000);
        assertThat(error(settings, "RUN PYTHON \"print('x' * 100000)\""))
                .contains("wrote more than 4 KB to its output and was stopped (basicflow.code.output-kb)");
        assertThat(error(settings, "RUN PYTHON \"big = bytearray(400 * 1024 * 1024)\""))
                .contains("exited with code 1")
                .contains("MemoryError");
        assertThat(error(settings, "RUN BASH \"echo about to fail >&2; exit 3\""))
                .contains("RUN BASH failed: the code exited with code 3; its error output ended with: about to fail");
        settings.put("basicflow.code.timeout-seconds", "301");
        assertThat(error(settings, "RUN BASH \"true\""))
                .contains("basicflow.code.timeout-seconds must be between 1 and 300, was 301");
    }

    private String error(Map<String, String> settings, String line) {
        DirectRun run = direct(settings, "x = " + line + "\n");
        assertThat(run.outcome()).isInstanceOf(DirectOutcome.Failed.class);
        return ((DirectOutcome.Failed) run.outcome()).error().message();
    }

    @Test
    void withFileReadsTheBotsStorageOnly() throws Exception {
        Map<String, String> settings = settings(storage(root.resolve("files")));
        Files.writeString(root.resolve("files/outside.sh"), "echo escaped\n");
        assertThat(error(settings, "RUN BASH WITH FILE \"../outside.sh\"")).contains("../outside.sh");
        assertThat(error(settings, "RUN BASH WITH FILE \"/etc/hostname\"")).contains("/etc/hostname");
        assertThat(error(settings, "RUN PYTHON WITH FILE \"scripts/none.py\"")).contains("scripts/none.py");
    }

    @Test
    void aResumedRunUsesTheRecordedOutputAndDoesNotRunTheCodeAgain() throws Exception {
        Path counter = root.resolve("runs.txt");
        Map<String, String> settings = new LinkedHashMap<>(settings(root));
        // the plain process can write the test's folder; under namespaces the code could not
        settings.put("basicflow.code.isolation", "process");
        try (BasicflowTestKit kit = kit(settings).crashAt(StepMatcher.effectCompleted("RUN BASH"))) {
            ScriptRun run = kit.run(
                    "shop/once.bas",
                    "#workflow\nout = RUN BASH \"echo ran >> " + counter + "; date +%N\"\nTALK \"got \" + out\n"
                            + "next = RUN BASH \"echo next >> " + counter + "\"\nRETURN out\n");
            Value result = run.awaitResult();
            assertThat(kit.crashes()).isEqualTo(1);
            assertThat(run.messages()).containsExactly("got " + result.display());
        }
        // the second RUN started in the commit that completed the first, so the dying engine ran it and
        // the new one ran it again (at least once); the completed first one ran only before the crash
        assertThat(Files.readAllLines(counter)).containsExactly("ran", "next", "next");
    }
}
