package io.basicflow.ai;

import io.basicflow.compiler.CompilationException;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.spi.program.Program;
import io.basicflow.tools.ToolCompilationException;
import io.basicflow.tools.ToolCompiler;
import java.util.stream.Collectors;

/**
 * Compiles tool scripts with the real compiler and the core keywords, for the tools plugin in these
 * tests (found by {@code ServiceLoader}, in this JVM and in the worker JVMs of the crash test); the
 * app uses its own compiler with every plugin.
 */
public final class CoreToolCompiler implements ToolCompiler {

    private final ScriptService compiler = new ScriptService(KeywordCatalogue.of(new CorePlugin()));

    @Override
    public Program compile(String name, String source) {
        try {
            return compiler.compile(name, source).program();
        } catch (CompilationException e) {
            throw new ToolCompilationException(
                    name, e.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        }
    }
}
