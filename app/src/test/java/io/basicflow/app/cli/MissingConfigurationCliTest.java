package io.basicflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.app.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script that calls {@code LLM} while no model endpoint is configured: {@code check} warns at the first
 * call, {@code run} refuses to start naming it, and a configured endpoint silences both.
 */
class MissingConfigurationCliTest {

    private static final String SCRIPT = "TALK \"Hello\"\nIF 1 = 1 THEN\n  answer = LLM \"Say hi\"\nEND IF\n"
            + "other = LLM \"again\"\nTALK answer\n";

    @TempDir
    Path folder;

    record Result(int status, String out, String err) {}

    private static synchronized Result execute(String... args) {
        InputStream originalIn = System.in;
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(new byte[0]));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.execute(args);
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(originalIn);
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void checkWarnsAtTheFirstLlmCallAndStillCountsTheScriptAsCompiling() throws IOException {
        Path file = Files.writeString(folder.resolve("ask.bas"), SCRIPT);

        Result result = execute("check", file.toString());

        assertThat(result.status()).isZero();
        assertThat(result.out())
                .contains(file + ":3:3: warning: LLM needs basicflow.ai.base-url")
                .doesNotContain(file + ":5:")
                .contains("checked 1 file: 1 compile");
    }

    @Test
    void runRefusesToStartAndNamesTheCallAndTheSetting() throws IOException {
        Path file = Files.writeString(folder.resolve("ask.bas"), SCRIPT);

        Result result = execute("run", file.toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.out()).doesNotContain("Hello");
        assertThat(result.err())
                .contains(file + ":3:3: warning: LLM needs basicflow.ai.base-url")
                .contains("was not run; configure the settings named above");
    }

    @Test
    void aConfiguredEndpointSilencesTheCheck() throws IOException {
        Path file = Files.writeString(folder.resolve("ask.bas"), SCRIPT);

        Result result = execute("check", "--set", "basicflow.ai.base-url=http://127.0.0.1:9/v1", file.toString());

        assertThat(result.status()).isZero();
        assertThat(result.out()).doesNotContain("warning").contains(file + ": OK");
    }
}
