package io.basicflow.compiler;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.program.Program;

/**
 * How a compiled script runs: {@link Direct} in memory, or {@link Workflow} durably, as the script's
 * {@code #workflow} pragma asks. Both carry the same kind of {@link Program}.
 */
public sealed interface ExecutionPlan {

    /**
     * The compiled script.
     *
     * @return the program
     */
    Program program();

    /**
     * Run in memory, in one go, with no durability: the default.
     *
     * @param program the compiled script
     */
    record Direct(Program program) implements ExecutionPlan {
        /**
         * Validates the program.
         *
         * @param program not null
         */
        public Direct {
            requireNonNull(program, "program is null");
        }
    }

    /**
     * Run durably, step by step, surviving crashes: the first non-comment line is {@code #workflow}.
     *
     * @param program the compiled script
     */
    record Workflow(Program program) implements ExecutionPlan {
        /**
         * Validates the program.
         *
         * @param program not null
         */
        public Workflow {
            requireNonNull(program, "program is null");
        }
    }
}
