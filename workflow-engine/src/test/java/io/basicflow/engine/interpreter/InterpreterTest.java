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
}
