package io.basicflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.app.cli.ExecutionCommands;
import io.basicflow.app.cli.RunCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command line that names a command builds that command's model alone (picocli reflects over
 * every subcommand it is given); the usage, {@code help} and a mistyped command still see them all.
 */
class MainSubcommandsTest {

    @Test
    void aNamedCommandOrAliasGetsItselfOnly() {
        assertThat(Main.subcommandsFor("executions", "--status", "FAILED"))
                .containsExactly(ExecutionCommands.ListCommand.class);
        assertThat(Main.subcommandsFor("list")).containsExactly(ExecutionCommands.ListCommand.class);
        assertThat(Main.subcommandsFor("run", "folder", "help")).containsExactly(RunCommand.class);
    }

    @Test
    void theUsageHelpAndAnUnknownWordSeeEveryCommand() {
        int all = Main.subcommandsFor().size();
        assertThat(all).isGreaterThan(10);
        assertThat(Main.subcommandsFor("--help")).hasSize(all);
        assertThat(Main.subcommandsFor("help", "show")).hasSize(all).contains(CommandLine.HelpCommand.class);
        assertThat(Main.subcommandsFor("exections")).hasSize(all);
    }

    @Test
    void theUsageListsEveryCommandAndAMistypedOneIsReportedWithASuggestion() {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(Main.execute("--help")).isZero();
            assertThat(Main.execute("exections")).isEqualTo(2);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("executions, list", "show", "history", "serve", "worker", "schedules", "bench", "help");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exections").contains("executions");
    }
}
