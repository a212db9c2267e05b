package io.basicflow.engine.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One frame of the interpreter's cursor, as data. Every frame names a block by its {@link
 * io.basicflow.engine.program.ProgramIndex} id and the index of the next step to run in it; an index
 * equal to the block's size means the block has run to its end and the frame is finished on the next
 * step (a loop iterates or leaves, a procedure returns, a plain block is left).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "frame")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FrameSnapshot.Body.class, name = "body"),
    @JsonSubTypes.Type(value = FrameSnapshot.ForRange.class, name = "for"),
    @JsonSubTypes.Type(value = FrameSnapshot.ForEach.class, name = "forEach"),
    @JsonSubTypes.Type(value = FrameSnapshot.DoLoop.class, name = "do"),
    @JsonSubTypes.Type(value = FrameSnapshot.Call.class, name = "call")
})
public sealed interface FrameSnapshot {

    /**
     * The block this frame runs.
     *
     * @return the block id
     */
    int block();

    /**
     * The next step to run in the block.
     *
     * @return the zero-based index
     */
    int index();

    /**
     * The same frame at another index.
     *
     * @param index the new index
     * @return a copy
     */
    FrameSnapshot atIndex(int index);

    private static void check(int block, int index) {
        if (block < 0 || index < 0) {
            throw new IllegalArgumentException("invalid frame position: block " + block + ", index " + index);
        }
    }

    /**
     * A plain block: the program body, an {@code IF} branch, a {@code CASE} body.
     *
     * @param block the block id
     * @param index the next step
     */
    record Body(int block, int index) implements FrameSnapshot {
        /**
         * Validates the position.
         *
         * @param block not negative
         * @param index not negative
         */
        public Body {
            check(block, index);
        }

        @Override
        public Body atIndex(int index) {
            return new Body(block, index);
        }
    }

    /**
     * The body of {@code FOR variable = a TO b STEP s}. The counter is the variable itself; the bound
     * and step were evaluated once when the loop started.
     *
     * @param block the body block id
     * @param index the next step
     * @param variable the counter variable
     * @param to the inclusive bound
     * @param step the increment, never zero
     */
    record ForRange(int block, int index, String variable, NumberValue to, NumberValue step) implements FrameSnapshot {
        /**
         * Validates the parts.
         *
         * @param block not negative
         * @param index not negative
         * @param variable not null
         * @param to not null
         * @param step not null
         */
        public ForRange {
            check(block, index);
            requireNonNull(variable, "variable is null");
            requireNonNull(to, "to is null");
            requireNonNull(step, "step is null");
        }

        @Override
        public ForRange atIndex(int index) {
            return new ForRange(block, index, variable, to, step);
        }
    }

    /**
     * The body of {@code FOR EACH variable IN items}: the list as evaluated when the loop started and
     * the position of the current element.
     *
     * @param block the body block id
     * @param index the next step
     * @param variable the loop variable
     * @param items the elements iterated
     * @param position the zero-based position of the current element
     */
    record ForEach(int block, int index, String variable, ListValue items, int position) implements FrameSnapshot {
        /**
         * Validates the parts.
         *
         * @param block not negative
         * @param index not negative
         * @param variable not null
         * @param items not null
         * @param position within the items
         */
        public ForEach {
            check(block, index);
            requireNonNull(variable, "variable is null");
            requireNonNull(items, "items is null");
            if (position < 0 || position >= items.elements().size()) {
                throw new IllegalArgumentException(
                        "position " + position + " outside " + items.elements().size() + " items");
            }
        }

        @Override
        public ForEach atIndex(int index) {
            return new ForEach(block, index, variable, items, position);
        }
    }

    /**
     * The body of a {@code DO}/{@code WHILE} loop; the loop's condition is read from the step that
     * owns the block.
     *
     * @param block the body block id
     * @param index the next step
     */
    record DoLoop(int block, int index) implements FrameSnapshot {
        /**
         * Validates the position.
         *
         * @param block not negative
         * @param index not negative
         */
        public DoLoop {
            check(block, index);
        }

        @Override
        public DoLoop atIndex(int index) {
            return new DoLoop(block, index);
        }
    }

    /**
     * A call of a {@code SUB} or {@code FUNCTION}: its body, its local variables (the parameters) and
     * where it was called from, whose step says where a function's value goes.
     *
     * @param block the procedure body's block id
     * @param index the next step
     * @param procedure the procedure name
     * @param locals the parameters by name
     * @param callerBlock the block of the calling step
     * @param callerIndex the index of the calling step in that block
     */
    record Call(int block, int index, String procedure, Map<String, Value> locals, int callerBlock, int callerIndex)
            implements FrameSnapshot {
        /**
         * Validates and copies the parts.
         *
         * @param block not negative
         * @param index not negative
         * @param procedure not null
         * @param locals not null
         * @param callerBlock not negative
         * @param callerIndex not negative
         */
        public Call {
            check(block, index);
            check(callerBlock, callerIndex);
            requireNonNull(procedure, "procedure is null");
            locals = Collections.unmodifiableMap(new LinkedHashMap<>(locals));
        }

        @Override
        public Call atIndex(int index) {
            return new Call(block, index, procedure, locals, callerBlock, callerIndex);
        }
    }
}
