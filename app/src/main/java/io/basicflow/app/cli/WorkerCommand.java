package io.basicflow.app.cli;

import io.basicflow.app.config.Configuration;
import io.basicflow.app.config.Setting;
import io.basicflow.app.node.BasicflowNode;
import io.basicflow.app.schedules.NodeSchedules;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code basicflow worker}: a worker-only node, sharing the database with the others. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs workers only (no HTTP API) on the shared database: any number of processes may run this.",
            "Give each process its own node name (-Dbasicflow.durable.node=NAME)."
        })
public final class WorkerCommand implements Runnable {

    @Mixin
    private ConfigOptions options;

    @Option(names = "--workers", paramLabel = "N", description = "activations run at once (default 256)")
    private Integer workers;

    @Override
    public void run() {
        Logging.quietUnlessConfigured("INFO");
        if (workers != null) {
            if (workers < 1) {
                throw new picocli.CommandLine.ParameterException(
                        new picocli.CommandLine(this), "--workers must be at least 1 for a worker node");
            }
            options.put(Setting.WORKERS.key(), Integer.toString(workers));
        }
        Configuration configuration = options.configuration();
        NodeCommands.requireWorkers(configuration, "`basicflow worker`");
        BasicflowNode node = BasicflowNode.start(
                Assembly.full(configuration), true, Path.of(configuration.get(Setting.SCRIPTS_FOLDER)));
        System.err.println("basicflow: worker " + configuration.get(Setting.NODE_NAME) + " running on "
                + node.database().jdbcUrl() + "; Ctrl-C stops");
        NodeSchedules schedules;
        try {
            schedules = NodeSchedules.start(node, configuration, false);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        NodeCommands.awaitShutdown(schedules, node);
    }
}
