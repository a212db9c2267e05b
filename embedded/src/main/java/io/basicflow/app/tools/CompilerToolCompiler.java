package io.basicflow.app.tools;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.CompilationException;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.spi.program.Program;
import io.basicflow.tools.ToolCompilationException;
import io.basicflow.tools.ToolCompiler;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The tools module's {@link ToolCompiler} port on the basic-compiler: a tool script that does not
 * compile fails with the compiler's diagnostics, as {@code basicflow check} prints them.
 */
public final class CompilerToolCompiler implements ToolCompiler {

    private final Supplier<ScriptService> compiler;

    /**
     * A tool compiler on a compiler that is reached lazily: the compiler's catalogue usually holds
     * the tools plugin, which needs this tool compiler first.
     *
     * @param compiler gives the compiler on first use
     */
    public CompilerToolCompiler(Supplier<ScriptService> compiler) {
        this.compiler = requireNonNull(compiler, "compiler is null");
    }

    @Override
    public Program compile(String name, String source) {
        try {
            return compiler.get().compile(name, source).program();
        } catch (CompilationException e) {
            throw new ToolCompilationException(
                    name, e.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        }
    }
}
