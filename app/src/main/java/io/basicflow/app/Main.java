package io.basicflow.app;

import io.basicflow.app.cli.BenchCommand;
import io.basicflow.app.cli.CheckCommand;
import io.basicflow.app.cli.ExecutionCommands;
import io.basicflow.app.cli.RunCommand;
import io.basicflow.app.cli.ScheduleCommand;
import io.basicflow.app.cli.ServeCommand;
import io.basicflow.app.cli.WorkerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code basicflow} command line. */
@Command(
        name = "basicflow",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Runs BASIC dialog scripts; #workflow scripts run as durable workflows on PostgreSQL.",
        subcommands = {
            RunCommand.class,
            CheckCommand.class,
            ServeCommand.class,
            WorkerCommand.class,
            ExecutionCommands.ListCommand.class,
            ExecutionCommands.ShowCommand.class,
            ExecutionCommands.HistoryCommand.class,
            ExecutionCommands.InputCommand.class,
            ExecutionCommands.CancelCommand.class,
            ExecutionCommands.RetryCommand.class,
            ExecutionCommands.MigrateCommand.class,
            ScheduleCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line without exiting.
     *
     * @param args the arguments
     * @return the exit status
     */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
