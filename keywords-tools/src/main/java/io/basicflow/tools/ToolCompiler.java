package io.basicflow.tools;

import io.basicflow.spi.program.Program;

/**
 * The port through which this module compiles tool scripts, so that it does not depend on the
 * compiler module. The application implements it with the real compiler and either passes it to
 * {@link ToolFolder} and {@link ToolsPlugin} or lists the implementation in {@code
 * META-INF/services/io.basicflow.tools.ToolCompiler}, where {@link ToolsPlugin}'s no-argument
 * constructor finds it.
 *
 * <p>Implementations must be thread-safe: workers compile tools concurrently.
 */
@FunctionalInterface
public interface ToolCompiler {

    /**
     * Compiles one tool script.
     *
     * @param name the script's file name relative to the tools folder, e.g. {@code
     *     sub/lookup.bas}; diagnostics should name it
     * @param source the script text
     * @return the compiled program; its {@code PARAM} and {@code DESCRIPTION} steps form the tool's
     *     signature
     * @throws ToolCompilationException when the script has errors, with the compiler's diagnostics
     *     text (file, line, column, the line with a caret, what was expected)
     */
    Program compile(String name, String source) throws ToolCompilationException;
}
