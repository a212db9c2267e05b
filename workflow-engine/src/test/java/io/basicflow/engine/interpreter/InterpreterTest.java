package io.basicflow.engine.interpreter;

import static io.basicflow.engine.testing.Build.add;
import static io.basicflow.engine.testing.Build.lit;
import static io.basicflow.engine.testing.Build.program;
import static io.basicflow.engine.testing.Build.steps;
import static io.basicflow.engine.testing.Build.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.direct.InMemoryJournal;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.program.ProgramIndex;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.ExecutionStatus;
import io.basicflow.engine.testing.Build;
import io.basicflow.engine.testing.CheckingJournal;
import io.basicflow.engine.testing.Harness;
import io.basicflow.engine.testing.ScriptedConversation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.IntegerValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InterpreterTest {

    private final Harness harness = new Harness();

    @Test
    void sumsACountedLoopAndReturnsTheTotal() {
        Build b = new Build();
        var program = program(
                "sum.bas",
                steps(
                        b.set("total", lit(0)),
                        b.forRange("i", lit(1), lit(10), b.set("total", add(v("total"), v("i")))),
                        b.talk(add(lit("total: "), v("total"))),
                        b.ret(v("total"))));

        Harness.Run run = harness.run(program);

        assertThat(run.outcome()).isEqualTo(new Outcome.Completed(Optional.of(IntegerValue.of(55))));
        assertThat(run.transcript()).containsExactly("total: 55");
        assertThat(run.state().snapshot().variable("i")).isEqualTo(IntegerValue.of(11));
        // 1 SET + 1 FOR + 10 bodies + 10 NEXT + 1 TALK; RETURN ends the run
        assertThat(run.state().steps()).isEqualTo(23);
    }

    @Test
    void checksTheFoldAtEveryStep() {
        Build b = new Build();
        var program = program("n.bas", steps(b.set("x", lit(1)), b.talk(v("x"))));

        Harness.Run run = harness.run(program);

        assertThat(run.journal().checks()).isGreaterThanOrEqualTo(3);
        assertThat(StateFold.fold(run.journal().events())).isEqualTo(run.state().snapshot());
    }

    @Test
    void aRunawayLoopYieldsAfterItsStepBudget() {
        Build b = new Build();
        var program = program("spin.bas", steps(b.set("n", lit(0)), b.loop(b.set("n", add(v("n"), lit(1))))));
        var index = ProgramIndex.of(program);
        var journal = new CheckingJournal(
                InMemoryJournal.recording(new ScriptedConversation(List.of()), harness.time, harness.time));
        ExecutionState state = harness.interpreter.start(index, "spin", Map.of(), journal);
        Limits limits = Limits.DEFAULT.withStepsPerActivation(100);

        Outcome first = harness.interpreter.run(index, state, journal, limits);
        Outcome second = harness.interpreter.run(index, state, journal, limits);

        assertThat(first).isInstanceOf(Outcome.Yielded.class);
        assertThat(second).isInstanceOf(Outcome.Yielded.class);
        assertThat(state.steps()).isEqualTo(200);
        assertThat(state.status()).isEqualTo(ExecutionStatus.RUNNING);
        // SET, DO, then per pass the body and the LOOP: after 200 steps n counts 99 passes.
        assertThat(state.snapshot().variable("n")).isEqualTo(IntegerValue.of(99));
    }

    @Test
    void endlessRecursionFailsAtTheCallDepthLimit() {
        Build b = new Build();
        var program = program(
                "deep.bas",
                steps(b.callSub("dive", lit(1))),
                b.sub("dive", List.of("n"), b.callSub("dive", add(v("n"), lit(1)))));

        Harness.Run run = harness.run(program, List.of(), Limits.DEFAULT.withMaxCallDepth(50));

        assertThat(run.outcome()).isInstanceOf(Outcome.Failed.class);
        var error = ((Outcome.Failed) run.outcome()).error();
        assertThat(error.kind()).isEqualTo(ExecutionError.Kind.LIMIT);
        assertThat(error.message())
                .isEqualTo("deep.bas:2:1: calling dive would nest more than 50 procedure calls"
                        + " (a recursion that never ends?)");
        assertThat(run.state().snapshot().frames()).hasSize(51);
    }

    @Test
    void aValueNestedTooDeeplyFails() {
        Build b = new Build();
        var program = program("nest.bas", steps(b.set("l", Build.list()), b.loop(b.set("l", Build.list(v("l"))))));

        Harness.Run run = harness.run(program, List.of(), Limits.DEFAULT.withMaxValueDepth(20));

        assertThat(run.outcome()).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) run.outcome()).error().message())
                .isEqualTo("nest.bas:2:1: the value assigned to l nests lists and maps deeper than 20 levels");
    }

    @Test
    void sharingOneListManyTimesIsMeasuredWithinBudget() {
        Build b = new Build();
        var program = program(
                "share.bas",
                steps(b.set("l", Build.list(lit("0123456789"))), b.loop(b.set("l", Build.list(v("l"), v("l"))))));

        Harness.Run run = harness.run(program, List.of(), Limits.DEFAULT.withMaxValueDepth(900));

        assertThat(run.outcome()).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) run.outcome()).error().message())
                .contains("would make the variables larger than 1048576 bytes");
    }

    @Test
    void inputLongerThanTheLimitIsRejectedLikeAnInvalidOne() {
        Build b = new Build();
        var program = program("ask.bas", steps(b.hear("x"), b.talk(v("x"))));

        Harness.Run run = harness.run(program, List.of("far too long", "ok"), Limits.DEFAULT.withMaxInputLength(5));

        assertThat(run.transcript())
                .containsExactly(
                        "> far too long", "That message is too long: please send at most 5 characters.", "> ok", "ok");
        assertThat(run.journal().events())
                .filteredOn(ExecutionEvent.InputRejected.class::isInstance)
                .hasSize(1);
    }

    @Test
    void aHandlerThatThrowsIsRetriedThenFailsTheExecutionWithoutThrowing() {
        KeywordPlugin crashing = new KeywordPlugin() {
            @Override
            public String name() {
                return "crashing";
            }

            @Override
            public List<KeywordDefinition> keywords() {
                return List.of(KeywordDefinition.builder("EXPLODE")
                        .retry(new RetryPolicy(2, Duration.ofMillis(10), 1.0, Duration.ofMillis(10)))
                        .build());
            }

            @Override
            public Optional<KeywordHandler> handler(String keyword) {
                return Optional.of(invocation -> {
                    throw new NullPointerException("bug in the plugin");
                });
            }
        };
        Interpreter interpreter = new Interpreter(
                RuntimeCatalogue.of(List.of(crashing), Map.of(), harness.time),
                harness.time,
                new SplittableRandom(1),
                harness.time);
        Build b = new Build();
        var index = ProgramIndex.of(program("boom.bas", steps(b.invoke("EXPLODE", Optional.empty(), Map.of()))));
        var journal = new CheckingJournal(
                InMemoryJournal.recording(new ScriptedConversation(List.of()), harness.time, harness.time));
        ExecutionState state = interpreter.start(index, "boom", Map.of(), journal);

        Outcome outcome = interpreter.run(index, state, journal, Limits.DEFAULT);

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) outcome).error().message())
                .isEqualTo("boom.bas:1:1: EXPLODE failed after 2 attempts: NullPointerException: bug in the plugin");
        assertThat(harness.time.sleeps).containsExactly(Duration.ofMillis(10));
    }
}
