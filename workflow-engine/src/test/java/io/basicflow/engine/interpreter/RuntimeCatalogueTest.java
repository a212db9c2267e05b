package io.basicflow.engine.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.testing.FakeTime;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.value.NullValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeCatalogueTest {

    private final FakeTime time = new FakeTime();

    private static KeywordPlugin plugin(String name, String keyword, boolean withHandler) {
        return new KeywordPlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<KeywordDefinition> keywords() {
                return List.of(KeywordDefinition.builder(keyword).build());
            }

            @Override
            public Optional<KeywordHandler> handler(String ignored) {
                return withHandler ? Optional.of(invocation -> NullValue.NULL) : Optional.empty();
            }
        };
    }

    @Test
    void aHandlerSeesOnlyItsPluginsSettingsWithoutThePrefix() {
        RuntimeCatalogue catalogue = RuntimeCatalogue.of(
                List.of(plugin("mail", "SEND MAIL", true), plugin("crm", "CREATE LEAD", true)),
                Map.of(
                        "basicflow.mail.host", "smtp.example.com",
                        "basicflow.mail.port", "2525",
                        "basicflow.crm.token", "secret",
                        "basicflow.mailer.host", "not for mail",
                        "other.mail.host", "not for mail either"),
                time);

        InvocationContext context = catalogue.keyword("SEND MAIL").orElseThrow().context();

        assertThat(context.configuration().plugin()).isEqualTo("mail");
        assertThat(context.configuration().values())
                .containsOnly(Map.entry("host", "smtp.example.com"), Map.entry("port", "2525"));
        assertThat(context.configuration().getInt("port", 25)).isEqualTo(2525);
        assertThat(context.clock()).isSameAs(time);
        assertThat(context.logger().getName()).isEqualTo("basicflow.plugin.mail");
        assertThat(catalogue.keyword("CREATE LEAD").orElseThrow().plugin()).isEqualTo("crm");
        assertThat(catalogue.keyword("SEND FAX")).isEmpty();
    }

    private static KeywordPlugin plugin(String name, KeywordDefinition definition) {
        return new KeywordPlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<KeywordDefinition> keywords() {
                return List.of(definition);
            }

            @Override
            public Optional<KeywordHandler> handler(String ignored) {
                return Optional.of(invocation -> NullValue.NULL);
            }
        };
    }

    @Test
    void oneNameAtDisjointArgumentCountsIsKeptAndACallFindsItsDeclarationByTheParametersItBinds() {
        KeywordPlugin rows = plugin(
                "rows",
                KeywordDefinition.builder("DELETE")
                        .parameter(io.basicflow.spi.ParameterDefinition.required("table", "t"))
                        .parameter(io.basicflow.spi.ParameterDefinition.required("filter", "f"))
                        .build());
        KeywordPlugin web = plugin(
                "web",
                KeywordDefinition.builder("DELETE")
                        .parameter(io.basicflow.spi.ParameterDefinition.required("target", "t"))
                        .build());

        RuntimeCatalogue catalogue = RuntimeCatalogue.of(List.of(rows, web), Map.of(), time);

        assertThat(catalogue
                        .keyword("DELETE", java.util.Set.of("target"))
                        .orElseThrow()
                        .plugin())
                .isEqualTo("web");
        assertThat(catalogue
                        .keyword("DELETE", java.util.Set.of("table", "filter"))
                        .orElseThrow()
                        .plugin())
                .isEqualTo("rows");
        KeywordPlugin loose = plugin(
                "loose",
                KeywordDefinition.builder("DELETE")
                        .parameter(io.basicflow.spi.ParameterDefinition.optional("what", "w"))
                        .build());
        assertThatThrownBy(() -> RuntimeCatalogue.of(List.of(rows, web, loose), Map.of(), time))
                .hasMessage("plugins web and loose both provide the keyword DELETE");
    }

    @Test
    void aHandlerCanReadAnotherPluginsSettings() {
        RuntimeCatalogue catalogue = RuntimeCatalogue.of(
                List.of(plugin("http", "GET", true)),
                Map.of("basicflow.files.root", "/srv/bots", "basicflow.http.allow", "x"),
                time);

        InvocationContext context = catalogue.keyword("GET").orElseThrow().context();

        assertThat(context.configurationOf("files").values()).containsOnly(Map.entry("root", "/srv/bots"));
    }

    @Test
    void twoPluginsClaimingOneKeywordAreRefused() {
        assertThatThrownBy(() -> RuntimeCatalogue.of(
                        List.of(plugin("mail", "SEND MAIL", true), plugin("smtp", "SEND MAIL", true)), Map.of(), time))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugins mail and smtp both provide the keyword SEND MAIL");
    }

    @Test
    void aKeywordWithoutHandlerIsRefused() {
        assertThatThrownBy(() -> RuntimeCatalogue.of(List.of(plugin("mail", "SEND MAIL", false)), Map.of(), time))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin mail declares keyword SEND MAIL but has no handler for it");
    }

    @Test
    void inputTypesAreFoundByNameOrAliasInAnyCase() {
        RuntimeCatalogue catalogue =
                RuntimeCatalogue.of(List.of(new io.basicflow.compiler.core.CorePlugin()), Map.of(), time);

        assertThat(catalogue.inputType("email")).isPresent();
        assertThat(catalogue.inputType("TEXT")).isPresent();
        assertThat(catalogue.inputType("HOLOGRAM")).isEmpty();
        assertThat(catalogue.functions()).containsKey("UPPER");
    }
}
