package io.basicflow.engine.interpreter;

import io.basicflow.engine.program.Block;
import io.basicflow.engine.program.ProgramIndex;
import io.basicflow.engine.state.FrameSnapshot;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * The live, mutable form of a {@link FrameSnapshot}: the interpreter moves {@link #index} in place
 * instead of copying frames at every step. The block is resolved from its id when the state is bound
 * to a program ({@link #bind}); a state rebuilt by folding events has unbound frames.
 */
abstract sealed class Frame {

    final int blockId;
    Block block;
    int index;

    Frame(int blockId, Block block, int index) {
        this.blockId = blockId;
        this.block = block;
        this.index = index;
    }

    /** Resolves the block (and whatever else the frame reads from the program). */
    void bind(ProgramIndex program) {
        block = program.block(blockId);
    }

    /** The element position of a {@code FOR EACH} frame, 0 for the others. */
    int position() {
        return 0;
    }

    abstract FrameSnapshot snapshot();

    static Frame of(FrameSnapshot snapshot) {
        return switch (snapshot) {
            case FrameSnapshot.Body body -> new BodyFrame(body.block(), null, body.index());
            case FrameSnapshot.ForRange loop ->
                new ForRangeFrame(loop.block(), null, loop.index(), loop.variable(), loop.to(), loop.step());
            case FrameSnapshot.ForEach loop ->
                new ForEachFrame(loop.block(), null, loop.index(), loop.variable(), loop.items(), loop.position());
            case FrameSnapshot.DoLoop loop -> new DoLoopFrame(loop.block(), null, loop.index(), null);
            case FrameSnapshot.Call call ->
                new CallFrame(
                        call.block(),
                        null,
                        call.index(),
                        call.procedure(),
                        new HashMap<>(call.locals()),
                        call.callerBlock(),
                        call.callerIndex());
        };
    }

    /** A plain block. */
    static final class BodyFrame extends Frame {
        BodyFrame(int blockId, Block block, int index) {
            super(blockId, block, index);
        }

        @Override
        FrameSnapshot snapshot() {
            return new FrameSnapshot.Body(blockId, index);
        }
    }

    /** A counted loop's body. */
    static final class ForRangeFrame extends Frame {
        final String variable;
        final NumberValue to;
        final NumberValue step;

        ForRangeFrame(int blockId, Block block, int index, String variable, NumberValue to, NumberValue step) {
            super(blockId, block, index);
            this.variable = variable;
            this.to = to;
            this.step = step;
        }

        @Override
        FrameSnapshot snapshot() {
            return new FrameSnapshot.ForRange(blockId, index, variable, to, step);
        }
    }

    /** A {@code FOR EACH} loop's body. */
    static final class ForEachFrame extends Frame {
        final String variable;
        final ListValue items;
        int position;

        ForEachFrame(int blockId, Block block, int index, String variable, ListValue items, int position) {
            super(blockId, block, index);
            this.variable = variable;
            this.items = items;
            this.position = position;
        }

        @Override
        int position() {
            return position;
        }

        @Override
        FrameSnapshot snapshot() {
            return new FrameSnapshot.ForEach(blockId, index, variable, items, position);
        }
    }

    /** A {@code DO}/{@code WHILE} loop's body; the loop step is its block's owner. */
    static final class DoLoopFrame extends Frame {
        Step.DoLoop loop;

        DoLoopFrame(int blockId, Block block, int index, Step.DoLoop loop) {
            super(blockId, block, index);
            this.loop = loop;
        }

        @Override
        void bind(ProgramIndex program) {
            super.bind(program);
            if (!(block.owner().orElse(null) instanceof Step.DoLoop owner)) {
                throw new IllegalStateException(
                        "block " + blockId + " of " + program.program().name()
                                + " is not the body of a DO loop; the state belongs to another program");
            }
            loop = owner;
        }

        @Override
        FrameSnapshot snapshot() {
            return new FrameSnapshot.DoLoop(blockId, index);
        }
    }

    /** A procedure call with its parameters. */
    static final class CallFrame extends Frame {
        final String procedure;
        final HashMap<String, Value> locals;
        final int callerBlock;
        final int callerIndex;
        /** Sizes of the text, list and map parameters, for the variables limit; transient. */
        final HashMap<String, Long> sizes = new HashMap<>();

        CallFrame(
                int blockId,
                Block block,
                int index,
                String procedure,
                HashMap<String, Value> locals,
                int callerBlock,
                int callerIndex) {
            super(blockId, block, index);
            this.procedure = procedure;
            this.locals = locals;
            this.callerBlock = callerBlock;
            this.callerIndex = callerIndex;
        }

        @Override
        FrameSnapshot snapshot() {
            return new FrameSnapshot.Call(blockId, index, procedure, Map.copyOf(locals), callerBlock, callerIndex);
        }
    }
}
