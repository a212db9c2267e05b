package io.basicflow.engine.interpreter;

import io.basicflow.compiler.evaluation.ErrorVariables;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;

/**
 * The state of {@code ON ERROR RESUME NEXT}, kept in variables whose names no script can write (see
 * {@link ErrorVariables}), so that it is part of the folded state like any variable: a resumed durable
 * run sees the same trap mode and the same last error as the live run had.
 */
final class ErrorTrap {

    private ErrorTrap() {}

    /** Whether failing steps are trapped ({@code ON ERROR RESUME NEXT} is in force). */
    static boolean active(ExecutionState state) {
        return state.get(ErrorVariables.RESUME_NEXT).isTruthy();
    }

    /** Whether an error of this kind may be trapped: limits and engine failures never are. */
    static boolean trappable(ExecutionError.Kind kind) {
        return switch (kind) {
            case EVALUATION, STATEMENT, KEYWORD, CHILD -> true;
            case LIMIT, INTERNAL -> false;
        };
    }

    /** The number {@code ERR} gives for an error of this kind. */
    static long number(ExecutionError.Kind kind) {
        return switch (kind) {
            case EVALUATION -> 1;
            case STATEMENT -> 2;
            case KEYWORD -> 3;
            case CHILD -> 4;
            case LIMIT -> 5;
            case INTERNAL -> 6;
        };
    }

    /** Turns trapping on or off; off also forgets the last error, as {@code ON ERROR GOTO 0} does in BASIC. */
    static void setActive(ExecutionState state, boolean active) {
        if (active) {
            state.put(ErrorVariables.RESUME_NEXT, BooleanValue.TRUE);
        } else {
            state.put(ErrorVariables.RESUME_NEXT, NullValue.NULL);
            clear(state);
        }
    }

    /** Records a trapped error. */
    static void record(ExecutionState state, ExecutionError.Kind kind, String message) {
        state.put(ErrorVariables.ERROR, BooleanValue.TRUE);
        state.put(ErrorVariables.MESSAGE, new TextValue(message));
        state.put(ErrorVariables.NUMBER, IntegerValue.of(number(kind)));
    }

    /** Forgets the last error ({@code CLEAR ERROR}). */
    static void clear(ExecutionState state) {
        if (state.get(ErrorVariables.ERROR) != NullValue.NULL) {
            state.put(ErrorVariables.ERROR, NullValue.NULL);
            state.put(ErrorVariables.MESSAGE, NullValue.NULL);
            state.put(ErrorVariables.NUMBER, NullValue.NULL);
        }
    }
}
