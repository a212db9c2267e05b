package io.basicflow.app.cli;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.check.CheckReport;
import io.basicflow.compiler.check.ScriptChecker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code basicflow check FILE|DIR…}: compiles every {@code .bas} found and prints each file's
 * diagnostics and a summary whose last line is {@code checked N files: A compile, B with syntax
 * errors, C with unknown keywords only}. Exits 1 when any file has a syntax error.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Compiles scripts and reports their errors; exits 1 when any has a syntax error.")
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions options;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "scripts, or folders searched for .bas files")
    private List<Path> paths;

    @Override
    public Integer call() {
        ScriptService compiler = Assembly.compiler(options.configuration()).getInstance(ScriptService.class);
        CheckReport report = new ScriptChecker(compiler, options.configuration().all()).check(paths);
        System.out.println(report.format());
        return report.withSyntaxErrors() > 0 ? 1 : 0;
    }
}
