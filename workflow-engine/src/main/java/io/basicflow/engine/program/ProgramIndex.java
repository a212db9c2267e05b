package io.basicflow.engine.program;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.program.Procedure;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.Step;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The blocks of a {@link Program}, numbered deterministically, computed beside the (never mutated)
 * tree. The interpreter's cursor names blocks by these ids, never by object identity, so a cursor
 * saved as data resumes in a fresh compilation of the same source.
 *
 * <p>Numbering: pre-order over every {@code List<Step>} block. Block 0 is the program body; a
 * block's number is assigned before the blocks nested in its steps, which are visited in step order
 * and, within a step, in the order of {@link Block#child(int, int)}: an {@code IF}'s branch bodies
 * then its {@code ELSE} block, a loop's body, a {@code SELECT}'s case bodies then its {@code CASE
 * ELSE} block. After the program body and everything nested in it come the procedures, in source
 * order, each body followed by its nested blocks. Empty blocks are numbered too.
 */
public final class ProgramIndex {

    private final Program program;
    private final List<Block> blocks;
    private final Map<String, Block> procedureBodies;
    private final String fingerprint;

    private ProgramIndex(Program program) {
        this.program = program;
        List<Block> numbered = new ArrayList<>();
        Map<String, Block> bodies = new HashMap<>();
        number(program.body(), null, null, numbered);
        for (Procedure procedure : program.procedures().values()) {
            bodies.put(procedure.name(), number(procedure.body(), null, procedure, numbered));
        }
        this.blocks = List.copyOf(numbered);
        this.procedureBodies = Map.copyOf(bodies);
        this.fingerprint = fingerprint(blocks);
    }

    /**
     * Indexes a program.
     *
     * @param program the compiled program
     * @return its index
     */
    public static ProgramIndex of(Program program) {
        return new ProgramIndex(requireNonNull(program, "program is null"));
    }

    /**
     * The indexed program.
     *
     * @return the program
     */
    public Program program() {
        return program;
    }

    /**
     * The program's top-level block, id 0.
     *
     * @return the body
     */
    public Block body() {
        return blocks.getFirst();
    }

    /**
     * A block by id.
     *
     * @param id the block id
     * @return the block
     * @throws IllegalArgumentException when the program has no such block (the state belongs to
     *     another program)
     */
    public Block block(int id) {
        if (id < 0 || id >= blocks.size()) {
            throw new IllegalArgumentException("script " + program.name() + " has no block " + id + " (it has "
                    + blocks.size() + "); the execution state belongs to another version of the script");
        }
        return blocks.get(id);
    }

    /**
     * The number of blocks.
     *
     * @return the count, at least 1
     */
    public int blockCount() {
        return blocks.size();
    }

    /**
     * The body of a procedure.
     *
     * @param name the procedure name, lower case
     * @return its body block, if the program defines it
     */
    public Optional<Block> procedureBody(String name) {
        return Optional.ofNullable(procedureBodies.get(name));
    }

    /**
     * A short digest of the program's shape (blocks, their sizes, step kinds and lines). A saved
     * state records it, so that resuming it against a differently shaped program is refused instead
     * of running the wrong steps.
     *
     * @return 16 hex digits
     */
    public String fingerprint() {
        return fingerprint;
    }

    private static Block number(List<Step> steps, Step owner, Procedure procedure, List<Block> numbered) {
        Block block = new Block(numbered.size(), steps, owner, procedure);
        numbered.add(block);
        Block[][] children = new Block[steps.size()][];
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            List<List<Step>> nested = nestedBlocks(step);
            Block[] stepChildren = new Block[nested.size()];
            for (int k = 0; k < nested.size(); k++) {
                stepChildren[k] = number(nested.get(k), step, null, numbered);
            }
            children[i] = stepChildren;
        }
        block.children(children);
        return block;
    }

    /**
     * The blocks a step owns, in numbering order.
     *
     * @param step the step
     * @return its nested blocks, empty for simple statements
     */
    static List<List<Step>> nestedBlocks(Step step) {
        return switch (step) {
            case Step.If conditional -> {
                List<List<Step>> nested = new ArrayList<>();
                for (Step.Branch branch : conditional.branches()) {
                    nested.add(branch.body());
                }
                nested.add(conditional.otherwise());
                yield nested;
            }
            case Step.ForEach loop -> List.of(loop.body());
            case Step.ForRange loop -> List.of(loop.body());
            case Step.DoLoop loop -> List.of(loop.body());
            case Step.Select select -> {
                List<List<Step>> nested = new ArrayList<>();
                for (Step.Case branch : select.cases()) {
                    nested.add(branch.body());
                }
                nested.add(select.otherwise());
                yield nested;
            }
            case Step.Assign ignored -> List.of();
            case Step.Talk ignored -> List.of();
            case Step.TalkTo ignored -> List.of();
            case Step.TalkBlock ignored -> List.of();
            case Step.Hear ignored -> List.of();
            case Step.Wait ignored -> List.of();
            case Step.Exit ignored -> List.of();
            case Step.CallProcedure ignored -> List.of();
            case Step.CallScript ignored -> List.of();
            case Step.Return ignored -> List.of();
            case Step.With ignored -> List.of();
            case Step.SendMail ignored -> List.of();
            case Step.UseTool ignored -> List.of();
            case Step.AddTool ignored -> List.of();
            case Step.ClearTools ignored -> List.of();
            case Step.Param ignored -> List.of();
            case Step.Description ignored -> List.of();
            case Step.ErrorHandling ignored -> List.of();
            case Step.Invoke ignored -> List.of();
            case Step.Orchestrate ignored -> List.of();
        };
    }

    private static String fingerprint(List<Block> blocks) {
        StringBuilder shape = new StringBuilder();
        for (Block block : blocks) {
            shape.append(block.id()).append(':');
            block.procedure()
                    .ifPresent(procedure -> shape.append(procedure.name()).append(':'));
            for (int i = 0; i < block.size(); i++) {
                Step step = block.step(i);
                shape.append(step.getClass().getSimpleName())
                        .append('@')
                        .append(step.span().line())
                        .append(',');
            }
            shape.append('\n');
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(shape.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
