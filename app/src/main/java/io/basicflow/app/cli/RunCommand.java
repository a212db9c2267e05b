package io.basicflow.app.cli;

import com.google.inject.Injector;
import io.basicflow.app.config.Configuration;
import io.basicflow.app.node.BasicflowNode;
import io.basicflow.app.scripts.CompilerScriptChecker;
import io.basicflow.app.scripts.FolderScriptLibrary;
import io.basicflow.app.scripts.LibraryScriptResolver;
import io.basicflow.app.scripts.ScriptInfo;
import io.basicflow.app.scripts.ScriptLibraryException;
import io.basicflow.app.scripts.ScriptSource;
import io.basicflow.app.tools.ScriptParameters;
import io.basicflow.compiler.CompilationException;
import io.basicflow.compiler.ExecutionPlan;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.engine.api.BotNames;
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
import io.basicflow.spi.value.Value;
import io.basicflow.tools.ToolArgumentException;
import io.basicflow.tools.ToolSignature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code basicflow run FILE|FOLDER [SCRIPT] [--param NAME=VALUE]…}: talk to a script in the terminal.
 * TALK prints, HEAR reads a line (typed input is validated, with a re-prompt), WAIT waits, and the
 * script's RETURN value is printed at the end. A folder is read as the server reads its scripts
 * folder (bot folders named {@code bot/script.bas}); its only bot's {@code start.bas} runs unless
 * SCRIPT names another. {@code --param} values fill the script's {@code PARAM}s, checked against
 * their types; a missing required one is asked for.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a script in the terminal: TALK prints, HEAR reads a line, RETURN prints the result.",
            "A #workflow script runs durably on the database: stop it at any point and run the same",
            "command again to continue the conversation where it was. A General Bots bot folder",
            "(name.gbai) runs its start.bas; --param NAME=VALUE fills the script's PARAMs."
        })
public final class RunCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions options;

    @Parameters(
            index = "0",
            paramLabel = "FILE|FOLDER",
            description = "the .bas script to run, or a General Bots bot folder (name.gbai) or a folder of them")
    private Path file;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "SCRIPT",
            description = "in a FOLDER: the bot (its start.bas) or script to run, e.g. support or"
                    + " support/refund.bas; default: the folder's only bot")
    private String scriptInFolder;

    @Option(
            names = {"-p", "--param"},
            paramLabel = "NAME=VALUE",
            description = "a value for the script's PARAM NAME, checked against its type; a missing required"
                    + " PARAM is asked for")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @Option(
            names = "--durable",
            description = "run durably on the database even without #workflow (as the server runs bots)")
    private boolean durable;

    /** What to run: a script's name, source, and where its children are found. */
    private record Target(String name, String source, Path childrenFolder, ScriptResolver resolver) {}

    @Override
    public Integer call() throws IOException {
        Logging.quietUnlessConfigured("WARN");
        Configuration configuration = options.configuration();
        Injector injector = Assembly.compiler(configuration);
        ScriptService compiler = injector.getInstance(ScriptService.class);
        Target target;
        try {
            target = target(compiler);
        } catch (NoSuchFileException e) {
            System.err.println("basicflow: no such file: " + file);
            return 2;
        } catch (ScriptLibraryException | IllegalArgumentException e) {
            System.err.println("basicflow: " + e.getMessage());
            return 2;
        }
        ExecutionPlan plan;
        try {
            plan = compiler.compile(target.name(), target.source());
        } catch (CompilationException e) {
            e.diagnostics().stream().map(Diagnostic::format).forEach(System.err::println);
            System.err.println("basicflow: " + target.name() + " does not compile; nothing was run");
            return 1;
        }
        List<Diagnostic> unconfigured = new io.basicflow.compiler.check.ConfigurationCheck(
                        compiler.catalogue(), configuration.all())
                .check(target.name(), target.source(), plan.program());
        if (!unconfigured.isEmpty()) {
            unconfigured.stream().map(Diagnostic::format).forEach(System.err::println);
            System.err.println("basicflow: " + target.name() + " was not run; configure the settings named above"
                    + " (in basicflow.properties, a --config file or the environment)");
            return 2;
        }
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Map<String, Value> variables;
        try {
            variables = variables(target.name(), plan, input);
        } catch (ToolArgumentException e) {
            e.problems().forEach(problem -> System.err.println("basicflow: " + problem.message()));
            System.err.println("basicflow: " + target.name() + " was not run; give its parameters as --param NAME=VALUE"
                    + " (usage: "
                    + ScriptParameters.signature(target.name(), plan.program())
                            .map(ToolSignature::usage)
                            .orElse("") + ")");
            return 2;
        }
        if (plan instanceof ExecutionPlan.Workflow || durable) {
            return runDurable(configuration, target, variables, input);
        }
        return runDirect(injector, plan, target, variables, input);
    }

    /** The script named on the command line: a file, or a bot or script of a folder. */
    private Target target(ScriptService compiler) throws IOException {
        if (!Files.isDirectory(file)) {
            if (scriptInFolder != null) {
                throw new IllegalArgumentException(file
                        + " is a file; a SCRIPT after it names a script of a folder (basicflow run FOLDER SCRIPT)");
            }
            Path absolute = file.toAbsolutePath().normalize();
            String source = Files.readString(file, StandardCharsets.UTF_8);
            return new Target(
                    file.toString(), source, absolute.getParent(), ScriptResolver.directory(absolute.getParent()));
        }
        FolderScriptLibrary library = new FolderScriptLibrary(file, new CompilerScriptChecker(compiler));
        String name = scriptInFolder != null ? scriptInFolder : onlyBot(library);
        ScriptSource script = library.load(name);
        return new Target(
                script.info().name(),
                script.source(),
                file.toAbsolutePath().normalize(),
                new LibraryScriptResolver(library));
    }

    /** The entry of the folder's only bot, or a message naming the bots to choose from. */
    private String onlyBot(FolderScriptLibrary library) {
        List<String> bots = library.list().scripts().stream()
                .map(ScriptInfo::name)
                .filter(name -> BotNames.botOf(name)
                        .map(bot -> BotNames.entryScript(bot).equals(name))
                        .orElse(false))
                .map(name -> BotNames.botOf(name).orElseThrow())
                .toList();
        if (bots.size() == 1) {
            return BotNames.entryScript(bots.getFirst());
        }
        if (bots.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no bot with a " + BotNames.ENTRY_SCRIPT
                    + "; name the script to run: basicflow run " + file + " SCRIPT");
        }
        throw new IllegalArgumentException(file + " holds " + bots.size() + " bots (" + String.join(", ", bots)
                + "); name one: basicflow run " + file + " " + bots.getFirst());
    }

    /** The script's PARAMs from --param, a missing required one asked for in the terminal. */
    private Map<String, Value> variables(String name, ExecutionPlan plan, BufferedReader input) {
        Optional<ToolSignature> signature = ScriptParameters.signature(name, plan.program());
        if (signature.isEmpty() || (signature.get().parameters().isEmpty() && parameters.isEmpty())) {
            return Map.of();
        }
        return ScriptParameters.fromCommandLine(signature.get(), parameters, parameter -> {
            System.out.print(parameter.name()
                    + parameter.description().map(text -> " (" + text + ")").orElse("") + " ["
                    + parameter.usage() + "]: ");
            System.out.flush();
            try {
                return Optional.ofNullable(input.readLine());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the terminal", e);
            }
        });
    }

    /**
     * A {@code #workflow} script: durable on the database (the embedded one by default). The
     * unfinished execution of this file, if any, continues — printing only what was not printed
     * before; otherwise a new one starts. The messages of the children it starts (tools, {@code CALL
     * "x.bas"}) are part of the conversation, and input goes to whichever of them waits.
     */
    private int runDurable(
            Configuration configuration, Target target, Map<String, Value> variables, BufferedReader input) {
        // A file is named by its absolute path (one conversation per file); a folder's script by its
        // name in the folder (support/start.bas), so that its bot is known.
        String scriptName = Files.isDirectory(file)
                ? target.name()
                : file.toAbsolutePath().normalize().toString();
        String source = target.source();
        NodeCommands.requireWorkers(configuration, "`basicflow run` of a #workflow script");
        Injector injector = Assembly.full(configuration);
        try (BasicflowNode node = BasicflowNode.start(injector, true, target.childrenFolder())) {
            DurableWorkflowEngine engine = node.engine();
            Optional<ExecutionView> unfinished = unfinished(engine, scriptName);
            String executionId;
            if (unfinished.isPresent()) {
                executionId = unfinished.get().id();
                System.err.println("basicflow: continuing the conversation " + executionId + " started "
                        + unfinished.get().createdAt());
            } else {
                executionId = engine.start(new StartRequest(Optional.empty(), scriptName, source, variables, true))
                        .executionId();
            }
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

    private int runDirect(
            Injector injector, ExecutionPlan plan, Target target, Map<String, Value> variables, BufferedReader input) {
        DirectRunner runner = DirectRunner.builder(
                        injector.getInstance(RuntimeCatalogue.class), injector.getInstance(ScriptCompiler.class))
                .resolver(target.resolver())
                .build();
        TerminalConversation conversation = new TerminalConversation(input, System.out, System.console() != null);
        DirectOutcome outcome =
                runner.run(plan.program(), variables, conversation).outcome();
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
