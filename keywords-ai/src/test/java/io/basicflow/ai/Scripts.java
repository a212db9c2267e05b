package io.basicflow.ai;

import io.basicflow.compiler.ExecutionPlan;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.data.DataPlugin;
import io.basicflow.engine.data.DataConnections;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.tools.ToolFolder;
import io.basicflow.tools.ToolsPlugin;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs a script with the AI plugin directly (in memory) or durably (the test kit, PostgreSQL). */
final class Scripts {

    private Scripts() {}

    /** The settings of a model at a fake server, with a key. */
    static Map<String, String> settings(FakeModelServer server, String... more) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("basicflow.ai.base-url", server.baseUrl());
        settings.put("basicflow.ai.api-key", "sk-test-secret-4711");
        settings.put("basicflow.ai.model", "small-model");
        for (int i = 0; i + 1 < more.length; i += 2) {
            settings.put("basicflow.ai." + more[i], more[i + 1]);
        }
        return settings;
    }

    /** A direct run: its messages, then "completed" or "failed: …". */
    static List<String> direct(String source, Map<String, String> settings, String... inputs) {
        return direct(null, source, settings, inputs);
    }

    /**
     * A direct run with the tools plugin on a tools folder, which is also where {@code USE TOOL}'s
     * children come from; without a folder (null), no tools.
     */
    static List<String> direct(Path tools, String source, Map<String, String> settings, String... inputs) {
        KeywordCatalogue catalogue = tools == null
                ? KeywordCatalogue.of(new CorePlugin(), new AiPlugin())
                : KeywordCatalogue.of(
                        new CorePlugin(),
                        new AiPlugin(),
                        new ToolsPlugin(new ToolFolder(tools, new CoreToolCompiler())));
        RuntimeCatalogue runtime = RuntimeCatalogue.from(catalogue, settings, Clock.systemUTC());
        ExecutionPlan plan = new ScriptService(catalogue).compile("test.bas", source);
        List<String> said = new ArrayList<>();
        Deque<String> waiting = new ArrayDeque<>(List.of(inputs));
        DirectRunner runner = DirectRunner.builder(
                        runtime,
                        tools == null
                                ? (name, text) -> {
                                    throw new IllegalStateException("no child scripts here");
                                }
                                : ScriptCompiler.using(new ScriptService(catalogue)))
                .resolver(ScriptResolver.directory(tools == null ? Path.of(".") : tools))
                .build();
        DirectOutcome outcome = runner.run(plan, new Conversation() {
                    @Override
                    public void say(String text) {
                        said.add(text);
                    }

                    @Override
                    public Optional<String> listen(InputRequest request) {
                        return Optional.ofNullable(waiting.poll());
                    }
                })
                .outcome();
        said.add(
                outcome instanceof DirectOutcome.Failed failed
                        ? "failed: " + failed.error().message()
                        : "completed");
        return said;
    }

    /** A test kit with the AI plugin and the settings. */
    static BasicflowTestKit kit(Map<String, String> settings) {
        BasicflowTestKit kit = BasicflowTestKit.withPlugins(new AiPlugin());
        settings.forEach(kit::configuration);
        return kit;
    }

    /** A direct run with the data plugin writing to the kit's database in transactions of its own. */
    static List<String> directWithData(
            TestDatabase database, Map<String, String> settings, String name, String source) {
        KeywordCatalogue catalogue = KeywordCatalogue.of(new CorePlugin(), new AiPlugin(), new DataPlugin());
        DataConnections data = new DataConnections() {
            @Override
            public Connection open() throws SQLException {
                return DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
            }

            @Override
            public boolean sharesEngineDatabase() {
                return true;
            }
        };
        RuntimeCatalogue runtime =
                RuntimeCatalogue.from(catalogue, settings, Clock.systemUTC()).withData(data);
        List<String> said = new ArrayList<>();
        DirectOutcome outcome = DirectRunner.builder(runtime, (child, text) -> {
                    throw new IllegalStateException("no child scripts here");
                })
                .build()
                .run(new ScriptService(catalogue).compile(name, source), new Conversation() {
                    @Override
                    public void say(String text) {
                        said.add(text);
                    }

                    @Override
                    public Optional<String> listen(InputRequest request) {
                        return Optional.empty();
                    }
                })
                .outcome();
        said.add(
                outcome instanceof DirectOutcome.Failed failed
                        ? "failed: " + failed.error().message()
                        : "completed");
        return said;
    }
}
