package io.basicflow.engine.interpreter;

import io.basicflow.engine.event.Delta;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.program.ProgramIndex;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.time.Instant;

/**
 * What the statement families an activation hands steps to ({@link KeywordSteps}, {@link InputSteps})
 * share: the activation's state, journal and limits, and its recording methods, lent by the {@link
 * Interpreter.Activation} that runs them.
 */
abstract class ActivationSteps {

    final Interpreter.Activation run;
    final RuntimeCatalogue catalogue;
    final Clock clock;
    final ProgramIndex program;
    final ExecutionState state;
    final Journal journal;
    final Limits limits;

    ActivationSteps(Interpreter.Activation run, RuntimeCatalogue catalogue, Clock clock) {
        this.run = run;
        this.catalogue = catalogue;
        this.clock = clock;
        this.program = run.program;
        this.state = run.state;
        this.journal = run.journal;
        this.limits = run.limits;
    }

    final void emit(ExecutionEvent event) {
        run.emit(event);
    }

    final long next() {
        return run.next();
    }

    final Delta delta() {
        return run.delta();
    }

    final void completed(SourceSpan span) {
        run.completed(span);
    }

    final void assign(Target target, Value value) {
        run.assign(target, value);
    }

    final Value eval(Expression expression) {
        return run.eval(expression);
    }

    final boolean due(Instant when) {
        return run.due(when);
    }
}
