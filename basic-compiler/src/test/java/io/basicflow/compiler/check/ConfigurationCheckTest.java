package io.basicflow.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticCategory;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.NullValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settings check is generic: any plugin may say what one of its keywords needs. */
class ConfigurationCheckTest {

    /** A plugin whose PAGE keyword needs basicflow.pager.url, and whose BEEP needs nothing. */
    static final class PagerPlugin implements KeywordPlugin {
        @Override
        public String name() {
            return "pager";
        }

        @Override
        public List<KeywordDefinition> keywords() {
            return List.of(keyword("PAGE"), keyword("BEEP"));
        }

        private static KeywordDefinition keyword(String name) {
            return KeywordDefinition.builder(name)
                    .parameter(ParameterDefinition.required("text", "what to send"))
                    .effect(EffectKind.PURE)
                    .retry(RetryPolicy.NONE)
                    .description(name)
                    .build();
        }

        @Override
        public Optional<KeywordHandler> handler(String keyword) {
            return Optional.of(invocation -> NullValue.NULL);
        }

        @Override
        public Optional<String> missingConfiguration(String keyword, PluginConfiguration configuration) {
            return keyword.equals("PAGE") && configuration.get("url").isEmpty()
                    ? Optional.of("PAGE needs basicflow.pager.url")
                    : Optional.empty();
        }
    }

    private static final ScriptService COMPILER =
            new ScriptService(KeywordCatalogue.of(new CorePlugin(), new PagerPlugin()));

    private static final String SOURCE = "SUB alarm()\n  PAGE \"from the sub\"\nEND SUB\n"
            + "BEEP \"start\"\nFOR i = 1 TO 3\n  IF i = 2 THEN\n    PAGE \"in the loop\"\n  END IF\nNEXT\n"
            + "PAGE \"again\"\nCALL alarm()\n";

    private static List<Diagnostic> check(Map<String, String> settings) {
        return new ConfigurationCheck(COMPILER.catalogue(), settings)
                .check(
                        "pager.bas",
                        SOURCE,
                        COMPILER.compile("pager.bas", SOURCE).program());
    }

    @Test
    void oneWarningAtTheFirstCallInTheSourceWhereverItIsNested() {
        List<Diagnostic> found = check(Map.of("basicflow.other.url", "http://x"));

        assertThat(found).hasSize(1);
        Diagnostic first = found.getFirst();
        assertThat(first.file() + ":" + first.line() + ":" + first.column()).isEqualTo("pager.bas:2:3");
        assertThat(first.message()).isEqualTo("PAGE needs basicflow.pager.url");
        assertThat(first.category()).isEqualTo(DiagnosticCategory.WARNING);
        assertThat(first.sourceLine()).isEqualTo("  PAGE \"from the sub\"");
    }

    @Test
    void thePluginSeesOnlyItsOwnKeysWithoutThePrefix() {
        assertThat(check(Map.of("basicflow.pager.url", "http://127.0.0.1:9"))).isEmpty();
    }

    @Test
    void theCheckerReportsItAsAWarningOfAScriptThatCompiles() {
        FileCheck file = new ScriptChecker(COMPILER, Map.of()).checkSource("pager.bas", SOURCE);

        assertThat(file.diagnostics()).isEmpty();
        assertThat(file.warnings()).extracting(Diagnostic::message).containsExactly("PAGE needs basicflow.pager.url");
        assertThat(new ScriptChecker(COMPILER).checkSource("pager.bas", SOURCE).warnings())
                .as("without settings, nothing is known to be missing")
                .isEmpty();
    }
}
