package io.basicflow.app;

import io.basicflow.app.cli.BenchCommand;
import io.basicflow.app.cli.CheckCommand;
import io.basicflow.app.cli.ExecutionCommands;
import io.basicflow.app.cli.RunCommand;
import io.basicflow.app.cli.ScheduleCommand;
import io.basicflow.app.cli.ServeCommand;
import io.basicflow.app.cli.WorkerCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code basicflow} command line. */
@Command(
        name = "basicflow",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Runs BASIC dialog scripts; #workflow scripts run as durable workflows on PostgreSQL.")
public final class Main implements Runnable {

    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
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
            CommandLine.HelpCommand.class);

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
        // picocli builds the model of every subcommand it is given (reflection over each class's options,
        // a good part of a short command's start-up): a command line that names one gets that one only.
        for (Class<?> command : subcommandsFor(args)) {
            commandLine.addSubcommand(command);
        }
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        return commandLine.execute(args);
    }

    /**
     * The subcommands a command line needs: the one its first word names, or all of them (for the
     * usage, {@code help}, and an unknown word, whose error lists or suggests the others).
     */
    static List<Class<?>> subcommandsFor(String... args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue; // the top level has only -h and -V, which take no value
            }
            for (Class<?> command : COMMANDS) {
                Command names = command.getAnnotation(Command.class);
                if (command != CommandLine.HelpCommand.class
                        && (names.name().equals(arg) || List.of(names.aliases()).contains(arg))) {
                    return List.of(command);
                }
            }
            return COMMANDS;
        }
        return COMMANDS;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
