package io.basicflow.engine.program;

import io.basicflow.spi.program.Procedure;
import io.basicflow.spi.program.Step;
import java.util.List;
import java.util.Optional;

/**
 * One block of a program ({@code List<Step>}) with its deterministic id from the {@link
 * ProgramIndex}. The interpreter's cursor refers to blocks by id, so a cursor saved as data finds its
 * block again in a fresh compilation of the same source.
 *
 * <p>Instances are built by {@link ProgramIndex} only; the arrays are never exposed.
 */
public final class Block {

    private final int id;
    private final Step[] steps;
    private final Step owner;
    private final Procedure procedure;
    private Block[][] children;

    Block(int id, List<Step> steps, Step owner, Procedure procedure) {
        this.id = id;
        this.steps = steps.toArray(Step[]::new);
        this.owner = owner;
        this.procedure = procedure;
    }

    void children(Block[][] children) {
        this.children = children;
    }

    /**
     * The block's id: its pre-order number in the program.
     *
     * @return the id, from 0 (the program body)
     */
    public int id() {
        return id;
    }

    /**
     * The number of steps.
     *
     * @return the size
     */
    public int size() {
        return steps.length;
    }

    /**
     * One step.
     *
     * @param index zero-based
     * @return the step
     */
    public Step step(int index) {
        return steps[index];
    }

    /**
     * The step whose body this block is ({@code IF}, {@code FOR}, {@code SELECT}, …), if any.
     *
     * @return the owner; empty for the program body and procedure bodies
     */
    public Optional<Step> owner() {
        return Optional.ofNullable(owner);
    }

    /**
     * The procedure whose body this block is, if it is one.
     *
     * @return the procedure; empty for every other block
     */
    public Optional<Procedure> procedure() {
        return Optional.ofNullable(procedure);
    }

    /**
     * The blocks a step at {@code index} owns, in the order {@link ProgramIndex} numbers them: an
     * {@code IF}'s branch bodies then its {@code ELSE}; a loop's body; a {@code SELECT}'s case bodies
     * then its {@code CASE ELSE}.
     *
     * @param index the step's index in this block
     * @param which the position among the step's blocks
     * @return the child block
     */
    public Block child(int index, int which) {
        return children[index][which];
    }

    @Override
    public String toString() {
        return "block " + id + " (" + steps.length + " steps)";
    }
}
