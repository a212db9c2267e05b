package io.basicflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code serve} that must be refused is refused before anything is touched: no embedded database
 * is created or started, no schema migrated, no worker started.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServeRefusalTest {

    @TempDir
    Path folder;

    record Result(int status, String err) {}

    private static synchronized Result serve(String... args) {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.execute(args);
            return new Result(status, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(originalErr);
        }
    }

    private String[] serveArgs(String... extra) {
        String[] base = {
            "serve", "--port", "0", "-Dbasicflow.db.embedded.dir=" + folder.resolve("pg"),
        };
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"   ", "\t", " \t "})
    void aWhiteSpaceTokenIsRefusedNotReadAsNoToken(String token) {
        Result result = serve(serveArgs("--token", token));

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("API token").contains("only white space");
        assertThat(Files.exists(folder.resolve("pg")))
                .as("embedded database folder")
                .isFalse();
    }

    @Test
    void anEmptyTokenIsRefused() {
        Result result = serve(serveArgs("--token", ""));

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("--token is empty");
        assertThat(Files.exists(folder.resolve("pg"))).isFalse();
    }

    @Test
    void aTokenWithASpaceInsideIsRefused() {
        Result result = serve(serveArgs("--token", "two words"));

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("must not be blank nor contain spaces");
        assertThat(Files.exists(folder.resolve("pg"))).isFalse();
    }

    @Test
    void aNonLoopbackAddressWithoutATokenIsRefusedBeforeTheDatabaseIsTouched() {
        Result result = serve(serveArgs("--host", "0.0.0.0"));

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("refusing to listen on 0.0.0.0 without an API token");
        assertThat(Files.exists(folder.resolve("pg")))
                .as("a refused serve creates no database folder (nothing migrated, no worker)")
                .isFalse();
    }
}
