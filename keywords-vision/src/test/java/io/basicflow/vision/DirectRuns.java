package io.basicflow.vision;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.files.FilesPlugin;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        List<KeywordPlugin> plugins = List.of(new CorePlugin(), new VisionPlugin(), new FilesPlugin());
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(plugins));
        Map<String, String> configuration = new LinkedHashMap<>();
        settings.forEach((key, value) -> configuration.put("basicflow." + key, value));
        RuntimeCatalogue catalogue = RuntimeCatalogue.of(plugins, configuration, Clock.systemUTC());
        DirectRunner runner =
                DirectRunner.builder(catalogue, ScriptCompiler.using(compiler)).build();
        return runner.run(compiler.compile(scriptName, source).program(), variables, new Conversation() {
                    @Override
                    public void say(String text) {
                        messages.add(text);
                    }

                    @Override
                    public Optional<String> listen(InputRequest request) {
                        return Optional.empty();
                    }
                })
                .outcome();
    }
}
