package io.basicflow.testkit;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A script run in memory (direct mode, no database) with the built-ins and the given plugins, no
 * user input: what to compare a durable run of the same script with.
 *
 * <pre>{@code
 * DirectRun direct = DirectRun.of(List.of(new MyPlugin()), Map.of("basicflow.my.key", "v"),
 *         "shop/start.bas", source, Map.of("name", Value.text("Ana")));
 * assertThat(direct.messages()).containsExactly("Hello Ana");
 * }</pre>
 *
 * @param outcome how the run ended
 * @param messages what it said, in order
 */
public record DirectRun(DirectOutcome outcome, List<String> messages) {

    /**
     * Copies the parts.
     *
     * @param outcome how the run ended
     * @param messages what it said
     */
    public DirectRun {
        messages = List.copyOf(messages);
    }

    /**
     * Compiles and runs a script in memory.
     *
     * @param plugins the plugins besides the built-ins
     * @param settings configuration by full key ({@code basicflow.files.root})
     * @param scriptName the script's name, which decides its bot ({@code shop/start.bas})
     * @param source the script, without {@code #workflow}
     * @param variables the start variables
     * @return the outcome and the messages
     */
    public static DirectRun of(
            List<? extends KeywordPlugin> plugins,
            Map<String, String> settings,
            String scriptName,
            String source,
            Map<String, Value> variables) {
        List<KeywordPlugin> all = new ArrayList<>();
        all.add(new CorePlugin());
        all.addAll(plugins);
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(all));
        RuntimeCatalogue catalogue = RuntimeCatalogue.of(all, settings, Clock.systemUTC());
        DirectRunner runner =
                DirectRunner.builder(catalogue, ScriptCompiler.using(compiler)).build();
        List<String> messages = new ArrayList<>();
        DirectOutcome outcome = runner.run(
                        compiler.compile(scriptName, source).program(), variables, new Conversation() {
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
        return new DirectRun(outcome, messages);
    }
}
