package io.basicflow.engine.interpreter;

import io.basicflow.engine.state.ExecutionError;
import io.basicflow.spi.program.SourceSpan;

/**
 * A step cannot run with the values it got. Thrown inside the interpreter only, turned into an
 * {@link ExecutionError} of the running step: it never leaves {@link Interpreter#run}.
 */
final class StepFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final ExecutionError.Kind kind;
    final transient SourceSpan span;

    StepFailure(ExecutionError.Kind kind, String problem) {
        this(kind, problem, null);
    }

    StepFailure(ExecutionError.Kind kind, String problem, SourceSpan span) {
        super(problem, null, false, false);
        this.kind = kind;
        this.span = span;
    }
}
