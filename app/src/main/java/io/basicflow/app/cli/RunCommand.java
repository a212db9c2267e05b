package io.basicflow.app.cli;

import com.google.inject.Injector;
import io.basicflow.app.config.Configuration;
import io.basicflow.app.node.BasicflowNode;
import io.basicflow.compiler.CompilationException;
import io.basicflow.compiler.ExecutionPlan;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.DurableConversation;
import io.basicflow.engine.durable.DurableWorkflowEngine;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code basicflow run FILE}: talk to a script in the terminal. TALK prints, HEAR reads a line (typed
 * input is validated, with a re-prompt), WAIT waits, and the script's RETURN value is printed at the
 * end.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a script in the terminal: TALK prints, HEAR reads a line, RETURN prints the result.",
            "A #workflow script runs durably on the database: stop it at any point and run the same",
            "command again to continue the conversation where it was."
        })
public final class RunCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions options;

    @Parameters(paramLabel = "FILE", description = "the .bas script to run")
    private Path file;

    @Override
    public Integer call() throws IOException {
        Logging.quietUnlessConfigured("WARN");
        Configuration configuration = options.configuration();
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            System.err.println("basicflow: no such file: " + file);
            return 2;
        }
        Injector injector = Assembly.compiler(configuration);
        ScriptService compiler = injector.getInstance(ScriptService.class);
        ExecutionPlan plan;
        try {
            plan = compiler.compile(file.toString(), source);
        } catch (CompilationException e) {
            e.diagnostics().stream().map(Diagnostic::format).forEach(System.err::println);
            System.err.println("basicflow: " + file + " does not compile; nothing was run");
            return 1;
        }
        return switch (plan) {
            case ExecutionPlan.Direct direct -> runDirect(injector, plan);
            case ExecutionPlan.Workflow workflow -> runDurable(configuration, source);
        };
    }

    /**
     * A {@code #workflow} script: durable on the database (the embedded one by default). The
     * unfinished execution of this file, if any, continues — printing only what was not printed
     * before; otherwise a new one starts. The messages of the children it starts (tools, {@code CALL
     * "x.bas"}) are part of the conversation, and input goes to whichever of them waits.
     */
    private int runDurable(Configuration configuration, String source) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        String scriptName = absolute.toString();
        NodeCommands.requireWorkers(configuration, "`basicflow run` of a #workflow script");
        Injector injector = Assembly.full(configuration);
        try (BasicflowNode node = BasicflowNode.start(injector, true, absolute.getParent())) {
            DurableWorkflowEngine engine = node.engine();
            Optional<ExecutionView> unfinished = unfinished(engine, scriptName);
            String executionId;
            if (unfinished.isPresent()) {
                executionId = unfinished.get().id();
                System.err.println("basicflow: continuing the conversation " + executionId + " started "
                        + unfinished.get().createdAt());
            } else {
                executionId = engine.start(new StartRequest(Optional.empty(), scriptName, source, Map.of()))
                        .executionId();
            }
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            TerminalConversation terminal = new TerminalConversation(input, System.out, System.console() != null);
            ExecutionView end = new DurableConversation(engine, Duration.ofMillis(500)).converse(executionId, terminal);
            return switch (end.status()) {
                case COMPLETED -> {
                    end.result().ifPresent(result -> System.out.println("=> " + result.display()));
                    yield 0;
                }
                case FAILED -> {
                    System.err.println(
                            "basicflow: " + end.error().map(e -> e.message()).orElse("the execution failed"));
                    System.err.println("basicflow: execution " + executionId + " failed; fix the cause and run"
                            + " `basicflow retry " + executionId + "`, or run the script again to start over");
                    yield 1;
                }
                case CANCELLED -> {
                    System.err.println("basicflow: execution " + executionId + " was cancelled");
                    yield 130;
                }
                default -> {
                    System.err.println("basicflow: the input ended while the script waits for an answer; the"
                            + " conversation is saved (execution " + executionId
                            + "): run the same command again to continue it");
                    yield 3;
                }
            };
        }
    }

    /** The newest unfinished execution of a script, if there is one. */
    private static Optional<ExecutionView> unfinished(DurableWorkflowEngine engine, String scriptName) {
        ExecutionPage page = engine.list(new ExecutionQuery(
                EnumSet.of(
                        ExecutionStatus.RUNNABLE,
                        ExecutionStatus.RUNNING,
                        ExecutionStatus.WAITING_INPUT,
                        ExecutionStatus.WAITING_TIMER,
                        ExecutionStatus.WAITING_CHILD),
                Optional.of(scriptName),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                1));
        return page.executions().stream().findFirst().flatMap(summary -> engine.find(summary.id()));
    }

    private int runDirect(Injector injector, ExecutionPlan plan) {
        Path folder = file.toAbsolutePath().getParent();
        DirectRunner runner = DirectRunner.builder(
                        injector.getInstance(RuntimeCatalogue.class), injector.getInstance(ScriptCompiler.class))
                .resolver(ScriptResolver.directory(folder))
                .build();
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        TerminalConversation conversation = new TerminalConversation(input, System.out, System.console() != null);
        DirectOutcome outcome = runner.run(plan, conversation).outcome();
        return switch (outcome) {
            case DirectOutcome.Completed completed -> {
                completed.result().ifPresent(result -> System.out.println("=> " + result.display()));
                yield 0;
            }
            case DirectOutcome.Failed failed -> {
                System.err.println("basicflow: " + failed.message());
                yield 1;
            }
            case DirectOutcome.InputEnded ended -> {
                System.err.println("basicflow: " + ended.message());
                yield 3;
            }
            case DirectOutcome.Cancelled cancelled -> {
                System.err.println("basicflow: " + cancelled.message());
                yield 130;
            }
        };
    }
}
