package io.basicflow.engine.direct;

import io.basicflow.spi.program.Program;

/** Compiles a child script for a direct run (the compiler's {@code ScriptService} in practice). */
@FunctionalInterface
public interface ScriptCompiler {

    /**
     * Compiles a script.
     *
     * @param name the script's name, for diagnostics
     * @param source the source text
     * @return the program
     * @throws RuntimeException when the script has errors; its message (the diagnostics) becomes the
     *     child's failure
     */
    Program compile(String name, String source);
}
