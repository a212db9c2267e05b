package io.basicflow.engine.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.interpreter.Journal;
import io.basicflow.engine.interpreter.Limits;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.engine.interpreter.StateFold;
import io.basicflow.engine.testing.CheckingJournal;
import io.basicflow.engine.testing.FakeTime;
import io.basicflow.engine.testing.ScriptedConversation;
import io.basicflow.engine.testing.TestPlugin;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.program.Program;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden execution tests: every {@code golden/<name>.bas} runs in direct mode with the lines of
 * {@code <name>.input} as the user's input, and its transcript must equal {@code <name>.expected}.
 * The transcript holds every message, every input ({@code > line}), every sleep of the fake clock
 * ({@code ~ sleep 2s}), every call of the test plugin ({@code * FETCH {…} attempt 1}), then the
 * outcome ({@code RETURN value}, {@code END}, {@code FAILED message}) and the active tools.
 *
 * <p>Each script runs three ways that must agree: recording, with the fold of the events checked
 * against the live state at every step, effect boundary and activation end; non-recording (the fast
 * direct mode); and with a step budget of 1, the state written to JSON and read back after every
 * single step, which must end in exactly the same state as the first run.
 */
class GoldenScriptsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private enum Mode {
        RECORDING(true, false, Limits.DEFAULT),
        FAST(false, false, Limits.DEFAULT),
        STEP_BY_STEP_FROM_JSON(true, true, Limits.DEFAULT.withStepsPerActivation(1));

        final boolean recording;
        final boolean json;
        final Limits limits;

        Mode(boolean recording, boolean json, Limits limits) {
            this.recording = recording;
            this.json = json;
            this.limits = limits;
        }
    }

    private record Result(List<String> transcript, DirectRunner.DirectRun run, int inputsLeft) {}

    @TestFactory
    Stream<DynamicTest> goldenScripts() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            scripts = files.filter(file -> file.toString().endsWith(".bas"))
                    .sorted()
                    .toList();
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(20);
        return scripts.stream()
                .map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> check(script)));
    }

    private static void check(Path script) throws IOException {
        String name = script.getFileName().toString();
        String base = name.substring(0, name.length() - ".bas".length());
        Path expectedFile = GOLDEN.resolve(base + ".expected");
        Result recorded = run(script, Mode.RECORDING);
        assertThat(expectedFile)
                .as("%s has no .expected; its transcript is:%n%s", name, String.join("\n", recorded.transcript()))
                .exists();
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8);

        assertThat(recorded.transcript()).as(name).containsExactlyElementsOf(expected);
        assertThat(recorded.inputsLeft()).as("%s leaves no input unread", name).isZero();
        assertThat(StateFold.fold(recorded.run().events()))
                .isEqualTo(recorded.run().state());

        Result fast = run(script, Mode.FAST);
        assertThat(fast.transcript()).as("%s without recording", name).containsExactlyElementsOf(expected);
        assertThat(fast.run().state().steps()).isEqualTo(recorded.run().state().steps());
        assertThat(fast.run().state().variables())
                .isEqualTo(recorded.run().state().variables());

        Result stepwise = run(script, Mode.STEP_BY_STEP_FROM_JSON);
        assertThat(stepwise.transcript())
                .as("%s resumed from JSON after every step", name)
                .containsExactlyElementsOf(expected);
        assertThat(stepwise.run().state()).isEqualTo(recorded.run().state());
        assertThat(stepwise.run().events()).isEqualTo(recorded.run().events());
    }

    private static Result run(Path script, Mode mode) {
        String name = script.getFileName().toString();
        String base = name.substring(0, name.length() - ".bas".length());
        Path inputFile = GOLDEN.resolve(base + ".input");
        List<String> inputs = Files.exists(inputFile) ? read(inputFile).lines().toList() : List.of();
        ScriptedConversation conversation = new ScriptedConversation(inputs);
        FakeTime time = new FakeTime();
        TestPlugin plugin = new TestPlugin(conversation::note);
        List<KeywordPlugin> plugins = List.of(new CorePlugin(), plugin);
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(plugins));
        RuntimeCatalogue catalogue = RuntimeCatalogue.of(plugins, Map.of(), time);
        UnaryOperator<Journal> decorator = mode.recording ? CheckingJournal::new : journal -> journal;
        DirectRunner runner = DirectRunner.builder(
                        catalogue,
                        (scriptName, source) ->
                                compiler.compile(scriptName, source).program())
                .resolver(ScriptResolver.directory(GOLDEN))
                .clock(time)
                .random(new SplittableRandom(1))
                .sleeper(duration -> {
                    conversation.note("~ sleep " + seconds(duration) + "s");
                    time.sleep(duration);
                })
                .limits(mode.limits)
                .recording(mode.recording)
                .resumeFromJson(mode.json)
                .executionIds(() -> "golden")
                .journalDecorator(decorator)
                .build();
        Program program = compiler.compile(name, read(script)).program();

        DirectRunner.DirectRun run = runner.run(program, conversation);

        List<String> transcript = new ArrayList<>(conversation.transcript());
        transcript.add(
                switch (run.outcome()) {
                    case DirectOutcome.Completed completed ->
                        completed
                                .result()
                                .map(value -> "RETURN " + value.display())
                                .orElse("END");
                    case DirectOutcome.Failed failed -> "FAILED " + failed.message();
                    case DirectOutcome.InputEnded ended -> "INPUT ENDED " + ended.message();
                    case DirectOutcome.Cancelled cancelled -> "CANCELLED " + cancelled.message();
                });
        if (!run.state().tools().isEmpty()) {
            transcript.add(
                    transcript.size() - 1,
                    "TOOLS " + String.join(", ", run.state().tools()));
        }
        return new Result(transcript, run, conversation.remainingInputs());
    }

    private static String seconds(Duration duration) {
        return new BigDecimal(duration.toNanos())
                .movePointLeft(9)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
