package io.basicflow.compiler.testing;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.check.CheckReport;
import io.basicflow.compiler.check.ScriptChecker;
import java.nio.file.Path;
import java.util.List;

/** Developer tool: prints the check report of a folder with the stand-in plugins. Not a test. */
public final class CorpusProbe {

    private CorpusProbe() {}

    public static void main(String[] args) {
        KeywordCatalogue catalogue = args.length > 1 && args[1].equals("core")
                ? KeywordCatalogue.of(TestPlugins.builtins())
                : TestPlugins.standard();
        CheckReport report = new ScriptChecker(new ScriptService(catalogue)).check(List.of(Path.of(args[0])));
        if (args.length > 2 && args[2].equals("syntax")) {
            for (var file : report.files()) {
                for (var d : file.diagnostics()) {
                    if (d.category() == io.basicflow.compiler.diagnostics.DiagnosticCategory.SYNTAX) {
                        System.out.println(d.format().replace("/work/shared/corpus/", ""));
                    }
                }
            }
            System.out.println(report.summary());
            return;
        }
        System.out.println(report.format());
    }
}
