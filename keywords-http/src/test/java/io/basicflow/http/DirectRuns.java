package io.basicflow.http;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs a script in direct mode with the HTTP plugin allowed to call 127.0.0.1, collecting its messages. */
final class DirectRuns {

    private DirectRuns() {}

    static DirectOutcome run(String name, String source, Map<String, Value> inputs, List<String> messages) {
        List<KeywordPlugin> plugins = List.of(new CorePlugin(), new HttpPlugin());
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(plugins));
        RuntimeCatalogue catalogue =
                RuntimeCatalogue.of(plugins, Map.of("basicflow.http.allow", "127.0.0.1"), Clock.systemUTC());
        DirectRunner runner =
                DirectRunner.builder(catalogue, ScriptCompiler.using(compiler)).build();
        return runner.run(compiler.compile(name, source).program(), inputs, new Conversation() {
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
