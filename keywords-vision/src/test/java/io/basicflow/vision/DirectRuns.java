package io.basicflow.vision;

import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.files.FilesPlugin;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.DirectRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A script run in memory (no {@code #workflow}) with the vision and files plugins, as {@code basicflow run} does. */
final class DirectRuns {

    private DirectRuns() {}

    /**
     * Runs a script to its end.
     *
     * @param scriptName its name; its folder names the bot ({@code kyc/start.bas})
     * @param settings settings without the {@code basicflow.} prefix
     * @param variables the starting variables
     * @param messages receives what the script says
     */
    static DirectOutcome run(
            String scriptName,
            String source,
            Map<String, String> settings,
            Map<String, Value> variables,
            List<String> messages) {
        Map<String, String> configuration = new LinkedHashMap<>();
        settings.forEach((key, value) -> configuration.put("basicflow." + key, value));
        DirectRun run = DirectRun.of(
                List.of(new VisionPlugin(), new FilesPlugin()), configuration, scriptName, source, variables);
        messages.addAll(run.messages());
        return run.outcome();
    }
}
