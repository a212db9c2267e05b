package io.basicflow.compiler.check;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.program.Procedure;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a compiled script's keywords still need: for each keyword the script calls whose plugin
 * reports a missing setting ({@link io.basicflow.spi.KeywordPlugin#missingConfiguration}), one
 * diagnostic at its first call in the source, e.g. {@code bot.bas:4:10: warning: LLM needs
 * basicflow.ai.base-url (…)}. Generic: it knows no plugin.
 */
public final class ConfigurationCheck {

    private final KeywordCatalogue catalogue;
    private final Map<String, String> settings;

    /**
     * A check against the installed plugins and the settings in force.
     *
     * @param catalogue the installed plugins' keywords
     * @param settings every setting by full key ({@code basicflow.ai.base-url})
     */
    public ConfigurationCheck(KeywordCatalogue catalogue, Map<String, String> settings) {
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.settings = Map.copyOf(requireNonNull(settings, "settings is null"));
    }

    /**
     * What the script's keywords miss, one diagnostic per keyword at its first call (by line, then
     * column), in source order.
     *
     * @param name the script's name for messages
     * @param source the script's text, for the source lines of the diagnostics
     * @param program the compiled script
     * @return the diagnostics, empty when nothing is missing
     */
    public List<Diagnostic> check(String name, String source, Program program) {
        List<Step.Invoke> calls = new ArrayList<>();
        collect(program.body(), calls);
        for (Procedure procedure : program.procedures().values()) {
            collect(procedure.body(), calls);
        }
        calls.sort(Comparator.comparingInt((Step.Invoke call) -> call.span().line())
                .thenComparingInt(call -> call.span().column()));
        Map<String, Diagnostic> first = new LinkedHashMap<>();
        List<String> lines = source.lines().toList();
        for (Step.Invoke call : calls) {
            if (first.containsKey(call.keyword())) {
                continue;
            }
            missing(call.keyword()).ifPresent(message -> {
                var span = call.span();
                String line = span.line() <= lines.size() ? lines.get(span.line() - 1) : "";
                int length = span.endLine() == span.line() ? Math.max(1, span.endColumn() - span.column()) : 1;
                first.put(
                        call.keyword(),
                        new Diagnostic(
                                name,
                                span.line(),
                                span.column(),
                                length,
                                DiagnosticKind.MISSING_CONFIGURATION,
                                message,
                                line,
                                Optional.of(call.keyword())));
            });
        }
        return List.copyOf(first.values());
    }

    private Optional<String> missing(String keyword) {
        Optional<CataloguedKeyword> declared = catalogue.keyword(keyword);
        if (declared.isEmpty()) {
            return Optional.empty();
        }
        String plugin = declared.get().plugin().name();
        String prefix = "basicflow." + plugin + ".";
        Map<String, String> own = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                own.put(key.substring(prefix.length()), value);
            }
        });
        return declared.get().plugin().missingConfiguration(keyword, new PluginConfiguration(plugin, own));
    }

    private static void collect(List<Step> steps, List<Step.Invoke> calls) {
        for (Step step : steps) {
            switch (step) {
                case Step.Invoke s -> calls.add(s);
                case Step.ForEach s -> collect(s.body(), calls);
                case Step.ForRange s -> collect(s.body(), calls);
                case Step.DoLoop s -> collect(s.body(), calls);
                case Step.If s -> {
                    s.branches().forEach(branch -> collect(branch.body(), calls));
                    collect(s.otherwise(), calls);
                }
                case Step.Select s -> {
                    s.cases().forEach(c -> collect(c.body(), calls));
                    collect(s.otherwise(), calls);
                }
                default -> {}
            }
        }
    }
}
