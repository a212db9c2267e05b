package io.basicflow.engine.interpreter;

import static io.basicflow.engine.testing.Build.add;
import static io.basicflow.engine.testing.Build.lit;
import static io.basicflow.engine.testing.Build.program;
import static io.basicflow.engine.testing.Build.steps;
import static io.basicflow.engine.testing.Build.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.testing.Build;
import io.basicflow.engine.testing.Harness;
import io.basicflow.spi.value.IntegerValue;
import java.util.Optional;
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
        var index = io.basicflow.engine.program.ProgramIndex.of(program);
        var journal =
                new io.basicflow.engine.testing.CheckingJournal(io.basicflow.engine.direct.InMemoryJournal.recording(
                        new io.basicflow.engine.testing.ScriptedConversation(java.util.List.of()),
                        harness.time,
                        harness.time));
        ExecutionState state = harness.interpreter.start(index, "spin", java.util.Map.of(), journal);
        Limits limits = Limits.DEFAULT.withStepsPerActivation(100);

        Outcome first = harness.interpreter.run(index, state, journal, limits);
        Outcome second = harness.interpreter.run(index, state, journal, limits);

        assertThat(first).isInstanceOf(Outcome.Yielded.class);
        assertThat(second).isInstanceOf(Outcome.Yielded.class);
        assertThat(state.steps()).isEqualTo(200);
        assertThat(state.status()).isEqualTo(io.basicflow.engine.state.ExecutionStatus.RUNNING);
        // SET, DO, then per pass the body and the LOOP: after 200 steps n counts 99 passes.
        assertThat(state.snapshot().variable("n")).isEqualTo(IntegerValue.of(99));
    }

    @Test
    void endlessRecursionFailsAtTheCallDepthLimit() {
        Build b = new Build();
        var program = program(
                "deep.bas",
                steps(b.callSub("dive", lit(1))),
                b.sub("dive", java.util.List.of("n"), b.callSub("dive", add(v("n"), lit(1)))));

        Harness.Run run = harness.run(program, java.util.List.of(), Limits.DEFAULT.withMaxCallDepth(50));

        assertThat(run.outcome()).isInstanceOf(Outcome.Failed.class);
        var error = ((Outcome.Failed) run.outcome()).error();
        assertThat(error.kind()).isEqualTo(io.basicflow.engine.state.ExecutionError.Kind.LIMIT);
        assertThat(error.message())
                .isEqualTo("deep.bas:2:1: calling dive would nest more than 50 procedure calls"
                        + " (a recursion that never ends?)");
        assertThat(run.state().snapshot().frames()).hasSize(51);
    }

    @Test
    void aValueNestedTooDeeplyFails() {
        Build b = new Build();
        var program = program("nest.bas", steps(b.set("l", Build.list()), b.loop(b.set("l", Build.list(v("l"))))));

        Harness.Run run = harness.run(program, java.util.List.of(), Limits.DEFAULT.withMaxValueDepth(20));

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

        Harness.Run run = harness.run(program, java.util.List.of(), Limits.DEFAULT.withMaxValueDepth(900));

        assertThat(run.outcome()).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) run.outcome()).error().message())
                .contains("would make the variables larger than 1048576 bytes");
    }
}
