package com.example.embedded;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.basicflow.app.assembly.BasicflowModules;
import io.basicflow.app.config.Configuration;
import io.basicflow.app.node.BasicflowNode;
import io.basicflow.app.node.PreparedDatabase;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.api.StartResult;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The application of docs/java-api.md, step by step. */
public final class EmbeddedApp {

    /** What one conversation gave. */
    public record Outcome(List<String> messages, ExecutionStatus status, Optional<Value> result) {}

    private EmbeddedApp() {}

    /**
     * Runs the greeting script once, answering its question with {@code answer}.
     *
     * @param dataFolder the embedded PostgreSQL's data folder
     * @param name the script's PARAM
     * @param answer the user's answer to the HEAR
     * @return the messages, the final status and the result
     */
    public static Outcome converse(Path dataFolder, String name, String answer) {
        // 1. Configuration: from a map here; Configuration.fromFile / fromEnvironment read elsewhere.
        Configuration configuration = Configuration.of(Map.of("basicflow.db.embedded.dir", dataFolder.toString()));
        // 2. Start the database now, so that it starts while the injector is built (optional).
        PreparedDatabase database = BasicflowNode.prepare(configuration);
        // 3. One injector from basicflow's modules.
        Injector injector = Guice.createInjector(Stage.PRODUCTION, BasicflowModules.durable(configuration));
        // 4. A node: the database, the engine and its workers. Closing it stops them.
        try (BasicflowNode node = BasicflowNode.start(injector, true, dataFolder.resolve("scripts"), database)) {
            WorkflowEngine engine = node.engine();
            // 5. Start an execution; the id makes the start idempotent.
            StartResult started = engine.start(new StartRequest(
                    Optional.of("greet-" + name.toLowerCase(java.util.Locale.ROOT)),
                    "greet.bas",
                    script("scripts/greet.bas"),
                    Map.of("name", new TextValue(name))));
            String id = started.executionId();
            // 6. Await its next message (a long poll, no spinning), then answer.
            List<String> said = new ArrayList<>();
            long after = 0;
            for (MessageView message : engine.messages(id, after, 10, Duration.ofSeconds(10))) {
                said.add(message.text());
                after = message.seq();
            }
            engine.deliverInput(id, answer);
            // 7. Await the end.
            ExecutionView done = engine.awaitEnd(id, Duration.ofSeconds(30));
            for (MessageView message : engine.messages(id, after, 10, Duration.ZERO)) {
                said.add(message.text());
            }
            return new Outcome(said, done.status(), done.result());
        }
    }

    private static String script(String resource) {
        try (InputStream in = EmbeddedApp.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs one conversation in {@code .basicflow/embedded-example} and prints it.
     *
     * @param args the user's name and answer, optional
     */
    public static void main(String[] args) {
        Outcome outcome = converse(
                Path.of(".basicflow", "embedded-example"),
                args.length > 0 ? args[0] : "Ada",
                args.length > 1 ? args[1] : "2");
        outcome.messages().forEach(System.out::println);
        System.out.println(
                outcome.status() + " => " + outcome.result().map(Value::display).orElse(""));
    }
}
