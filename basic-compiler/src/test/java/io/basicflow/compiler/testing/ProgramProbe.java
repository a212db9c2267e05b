package io.basicflow.compiler.testing;

import io.basicflow.compiler.CompilationResult;
import io.basicflow.compiler.ScriptService;
import io.basicflow.spi.program.Step;
import java.io.IOException;

/** Developer tool: compiles stdin with the test catalogue and prints the steps or the diagnostics. */
public final class ProgramProbe {

    private ProgramProbe() {}

    public static void main(String[] args) throws IOException {
        String source = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        CompilationResult result = new ScriptService(TestPlugins.catalogue()).check("probe.bas", source);
        if (!result.succeeded()) {
            System.out.println(result.format());
            return;
        }
        var program = result.plan().get().program();
        System.out.println(result.plan().get().getClass().getSimpleName());
        for (Step step : program.body()) {
            System.out.println(step);
        }
        program.procedures().forEach((name, p) -> System.out.println("PROCEDURE " + p));
    }
}
