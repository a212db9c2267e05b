package io.basicflow.engine.direct;

import static io.basicflow.engine.testing.Build.add;
import static io.basicflow.engine.testing.Build.lit;
import static io.basicflow.engine.testing.Build.program;
import static io.basicflow.engine.testing.Build.steps;
import static io.basicflow.engine.testing.Build.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.engine.testing.Build;
import io.basicflow.engine.testing.FakeTime;
import io.basicflow.engine.testing.ScriptedConversation;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.program.Program;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DirectRunnerTest {

    private final FakeTime time = new FakeTime();
    private final RuntimeCatalogue catalogue =
            RuntimeCatalogue.of(List.<KeywordPlugin>of(new CorePlugin()), Map.of(), time);

    private DirectRunner runner(Map<String, Program> scripts) {
        return DirectRunner.builder(catalogue, (name, source) -> scripts.get(name))
                .resolver(request -> Optional.ofNullable(scripts.get(request.script()))
                        .map(program -> new ScriptResolver.Script(request.script(), "")))
                .clock(time)
                .sleeper(time)
                .executionIds(() -> "run")
                .build();
    }

    @Test
    void theEndOfInputEndsTheRunWithAClearOutcome() {
        Build b = new Build();
        Program program = program("ask.bas", steps(b.talk(lit("Name?")), b.hear("name")));
        ScriptedConversation conversation = new ScriptedConversation(List.of());

        DirectRunner.DirectRun run = runner(Map.of()).run(program, conversation);

        assertThat(run.outcome()).isInstanceOf(DirectOutcome.InputEnded.class);
        assertThat(run.outcome().message()).isEqualTo("ask.bas: the input ended while HEAR name was waiting");
        assertThat(conversation.transcript()).containsExactly("Name?");
    }

    @Test
    void aRunThatNeverEndsIsStoppedAtItsStepLimit() {
        Build b = new Build();
        Program program = program("forever.bas", steps(b.set("n", lit(0)), b.loop(b.set("n", add(v("n"), lit(1))))));
        DirectRunner runner = DirectRunner.builder(catalogue, (name, source) -> program)
                .clock(time)
                .sleeper(time)
                .maxSteps(25_000)
                .build();

        DirectRunner.DirectRun run = runner.run(program, new ScriptedConversation(List.of()));

        assertThat(run.outcome()).isInstanceOf(DirectOutcome.Cancelled.class);
        assertThat(run.outcome().message()).contains("stopped after").contains("the limit is 25000");
        assertThat(run.state().status()).isEqualTo(io.basicflow.engine.state.ExecutionStatus.CANCELLED);
        assertThat(run.state().steps()).isBetween(25_000L, 35_000L);
    }

    @Test
    void anInterruptedWaitCancelsTheRun() {
        Build b = new Build();
        Program program = program("nap.bas", steps(b.waitSeconds(lit(60)), b.talk(lit("never"))));
        DirectRunner runner = DirectRunner.builder(catalogue, (name, source) -> program)
                .clock(time)
                .sleeper(duration -> {
                    throw new InterruptedException();
                })
                .build();
        ScriptedConversation conversation = new ScriptedConversation(List.of());

        DirectRunner.DirectRun run = runner.run(program, conversation);

        assertThat(Thread.interrupted())
                .as("the interrupt is kept for the caller")
                .isTrue();
        assertThat(run.outcome()).isEqualTo(new DirectOutcome.Cancelled("interrupted while waiting"));
        assertThat(run.state().status()).isEqualTo(io.basicflow.engine.state.ExecutionStatus.CANCELLED);
        assertThat(conversation.transcript()).isEmpty();
    }

    @Test
    void aScriptCallingItselfStopsAtTheChildDepthLimit() {
        Build b = new Build();
        Program loop = program("loop.bas", steps(b.talk(lit("in")), b.callScript("loop.bas")));
        DirectRunner runner = DirectRunner.builder(catalogue, (name, source) -> loop)
                .resolver(request -> Optional.of(new ScriptResolver.Script("loop.bas", "")))
                .maxChildDepth(3)
                .build();
        ScriptedConversation conversation = new ScriptedConversation(List.of());

        DirectRunner.DirectRun run = runner.run(loop, conversation);

        assertThat(conversation.transcript()).containsExactly("in", "in", "in", "in");
        assertThat(run.outcome().message())
                .startsWith("loop.bas:2:1: CALL \"loop.bas\" failed: loop.bas:2:1: CALL \"loop.bas\" failed:")
                .endsWith("scripts call each other deeper than 3 levels (a cycle of CALLs?)");
    }

    @Test
    void aMissingChildScriptFailsTheCaller() {
        Build b = new Build();
        Program main = program("main.bas", steps(b.callScript("nowhere.bas")));

        DirectRunner.DirectRun run = runner(Map.of()).run(main, new ScriptedConversation(List.of()));

        assertThat(run.outcome().message())
                .isEqualTo("main.bas:1:1: CALL \"nowhere.bas\" failed: there is no script nowhere.bas beside main.bas");
    }

    @Test
    void childrenShareTheConversationAndTheClock() {
        Build b = new Build();
        Build c = new Build();
        Program child = program("child.bas", steps(c.hear("x"), c.waitSeconds(lit(5)), c.talk(Build.v("x"))));
        Program main = program("main.bas", steps(b.callScript("child.bas"), b.talk(lit("back"))));
        ScriptedConversation conversation = new ScriptedConversation(List.of("hello"));

        DirectRunner.DirectRun run = runner(Map.of("child.bas", child)).run(main, conversation);

        assertThat(run.outcome()).isEqualTo(new DirectOutcome.Completed(Optional.empty()));
        assertThat(conversation.transcript()).containsExactly("> hello", "hello", "back");
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void theConversationSeesWhatAHearWaitsFor() {
        Build b = new Build();
        Program program = program("ask.bas", steps(b.hear("age", "INTEGER", Optional.of(lit("Age?")))));
        List<InputRequest> requests = new java.util.ArrayList<>();
        Conversation conversation = new Conversation() {
            @Override
            public void say(String text) {}

            @Override
            public Optional<String> listen(InputRequest request) {
                requests.add(request);
                return Optional.of(request.attempt() == 1 ? "old" : "30");
            }
        };

        DirectRunner.DirectRun run = runner(Map.of()).run(program, conversation);

        assertThat(run.state().variable("age")).isEqualTo(io.basicflow.spi.value.IntegerValue.of(30));
        assertThat(requests)
                .containsExactly(
                        new InputRequest("age", "INTEGER", List.of(), Optional.of("Age?"), 1, 3),
                        new InputRequest("age", "INTEGER", List.of(), Optional.of("Age?"), 2, 3));
    }

    @Test
    void theRequestCarriesThePromptAsSentEvaluatedOnce() {
        io.basicflow.compiler.ScriptService compiler = new io.basicflow.compiler.ScriptService(
                io.basicflow.compiler.catalogue.KeywordCatalogue.of(List.<KeywordPlugin>of(new CorePlugin())));
        Program program = compiler.compile("pick.bas", "HEAR n AS INTEGER WITH \"Pick \" + RANDOM()\n")
                .program();
        List<String> said = new java.util.ArrayList<>();
        List<InputRequest> requests = new java.util.ArrayList<>();
        Conversation conversation = new Conversation() {
            @Override
            public void say(String text) {
                said.add(text);
            }

            @Override
            public Optional<String> listen(InputRequest request) {
                requests.add(request);
                return Optional.of(request.attempt() == 1 ? "many" : "7");
            }
        };

        DirectRunner.DirectRun run = DirectRunner.builder(catalogue, (name, source) -> null)
                .clock(time)
                .sleeper(time)
                .random(new java.util.SplittableRandom(7))
                .executionIds(() -> "run")
                .build()
                .run(program, conversation);

        assertThat(run.state().variable("n")).isEqualTo(io.basicflow.spi.value.IntegerValue.of(7));
        List<String> prompts =
                said.stream().filter(text -> text.startsWith("Pick ")).toList();
        assertThat(prompts).hasSize(2);
        // each attempt's request shows exactly the prompt sent before it (a second evaluation of
        // RANDOM() would not match)
        assertThat(requests)
                .extracting(InputRequest::prompt)
                .containsExactly(Optional.of(prompts.get(0)), Optional.of(prompts.get(1)));
    }

    @Test
    void aBlankIndexIsRefusedForWritingAsForReading() {
        io.basicflow.compiler.ScriptService compiler = new io.basicflow.compiler.ScriptService(
                io.basicflow.compiler.catalogue.KeywordCatalogue.of(List.<KeywordPlugin>of(new CorePlugin())));
        String setup = "items[0] = \"tea\"\nitems[1] = \"cake\"\n";
        Conversation silent = Conversation.silent();

        DirectOutcome written = runner(Map.of())
                .run(
                        compiler.compile("write.bas", setup + "items[\"\"] = \"coffee\"\n")
                                .program(),
                        silent)
                .outcome();
        DirectOutcome read = runner(Map.of())
                .run(compiler.compile("read.bas", setup + "x = items[\" \"]\n").program(), silent)
                .outcome();
        DirectOutcome numeric = runner(Map.of())
                .run(
                        compiler.compile("text.bas", setup + "items[\"1\"] = \"coffee\"\nRETURN items[\"1\"]\n")
                                .program(),
                        silent)
                .outcome();

        assertThat(written).isInstanceOf(DirectOutcome.Failed.class);
        assertThat(written.message()).contains("write.bas:3:").contains("must be a whole number");
        assertThat(read).isInstanceOf(DirectOutcome.Failed.class);
        assertThat(read.message()).contains("read.bas:3:").contains("must be a whole number");
        // a text that reads as a whole number is a position for both
        assertThat(numeric)
                .isEqualTo(new DirectOutcome.Completed(Optional.of(new io.basicflow.spi.value.TextValue("coffee"))));
    }
}
