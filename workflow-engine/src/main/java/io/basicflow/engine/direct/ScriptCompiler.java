package io.basicflow.engine.direct;

import io.basicflow.compiler.ScriptService;
import io.basicflow.spi.program.Program;
import java.util.Objects;

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

    /**
     * Compiles with the compiler's service; a script with errors fails the child with every
     * diagnostic (file, line, column, caret).
     *
     * @param service the compiler
     * @return the compiler port
     */
    static ScriptCompiler using(ScriptService service) {
        Objects.requireNonNull(service, "service is null");
        return (name, source) -> service.compile(name, source).program();
    }
}
