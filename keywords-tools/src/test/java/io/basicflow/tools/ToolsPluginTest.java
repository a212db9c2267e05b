package io.basicflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolsPluginTest {

    @TempDir
    Path tools;

    private ToolsPlugin plugin;

    @BeforeEach
    void writeATool() throws IOException {
        Files.writeString(tools.resolve("lookup.bas"), """
                PARAM city AS STRING DESCRIPTION "The city"
                PARAM days AS INTEGER OPTIONAL
                DESCRIPTION "Looks up the weather"
                """);
        plugin = new ToolsPlugin(new LineToolCompiler());
    }

    @Test
    void serviceLoaderFindsThePluginByName() {
        assertThat(ServiceLoader.load(KeywordPlugin.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(found -> found.name().equals("tools")))
                .singleElement()
                .isInstanceOf(ToolsPlugin.class);
    }

    @Test
    void declaresTheThreeKeywordsAsPure() {
        Map<String, KeywordDefinition> keywords = new LinkedHashMap<>();
        plugin.keywords().forEach(keyword -> keywords.put(keyword.name(), keyword));

        assertThat(keywords).containsOnlyKeys("USE TOOL", "ADD TOOL", "CLEAR TOOLS");
        assertThat(keywords.values()).allSatisfy(keyword -> {
            assertThat(keyword.effect()).isEqualTo(EffectKind.PURE);
            assertThat(plugin.handler(keyword.name())).isPresent();
        });
        KeywordDefinition useTool = keywords.get("USE TOOL");
        assertThat(useTool.form()).isEqualTo(KeywordForm.FUNCTION);
        assertThat(useTool.parameters()).extracting(ParameterDefinition::name).containsExactly("tool", "arguments");
        assertThat(useTool.minimumArguments()).isEqualTo(1);
        assertThat(useTool.maximumArguments()).isEqualTo(Integer.MAX_VALUE);
        assertThat(keywords.get("ADD TOOL").form()).isEqualTo(KeywordForm.STATEMENT);
        assertThat(keywords.get("ADD TOOL").parameters())
                .extracting(ParameterDefinition::name)
                .containsExactly("tool");
        assertThat(keywords.get("CLEAR TOOLS").parameters()).isEmpty();
        assertThat(plugin.handler("SEND MAIL")).isEmpty();
    }

    @Test
    void activatingAToolReturnsItsSchemaUnderTheConfiguredFolder() throws KeywordException {
        Value schema = invoke("USE TOOL", Map.of("tool", Value.text("Lookup")));

        ToolSignature signature = new ToolFolder(tools, new LineToolCompiler()).signature("lookup");
        assertThat(schema).isEqualTo(ToolSchema.toValue(signature));
        assertThat(((MapValue) schema).find("name")).contains(Value.text("lookup"));
        assertThat(invoke("ADD TOOL", Map.of("tool", Value.text("lookup.bas")))).isEqualTo(schema);
    }

    @Test
    void aRunWithValidArgumentsIsCheckedButNotRunByTheHandler() throws KeywordException {
        Value schema = invoke(
                "USE TOOL",
                Map.of(
                        "tool",
                        Value.text("lookup"),
                        "arguments",
                        new ListValue(List.of(Value.text("Lisbon"), Value.text("3")))));

        assertThat(((MapValue) schema).find("name")).contains(Value.text("lookup"));
    }

    @Test
    void aRunWithBadArgumentsFailsPermanentlyListingTheProblems() {
        assertThatThrownBy(() -> invoke(
                        "USE TOOL",
                        Map.of(
                                "tool",
                                Value.text("lookup"),
                                "arguments",
                                new ListValue(List.of(NullValue.NULL, Value.text("three"))))))
                .isInstanceOfSatisfying(KeywordException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage())
                            .startsWith("USE TOOL: tool 'lookup' got 2 invalid arguments")
                            .contains("'city' is required but was NULL")
                            .contains("'days' must be a whole number, got \"three\"");
                });
    }

    @Test
    void anUnknownOrRefusedToolFailsPermanentlyWithTheReason() {
        assertThatThrownBy(() -> invoke("ADD TOOL", Map.of("tool", Value.text("lokup"))))
                .isInstanceOfSatisfying(KeywordException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage())
                            .startsWith("ADD TOOL: tool 'lokup' not found")
                            .contains("'lookup'");
                    assertThat(e.getCause()).isInstanceOf(ToolNotFoundException.class);
                });
        assertThatThrownBy(() -> invoke("USE TOOL", Map.of("tool", Value.text("../etc/passwd"))))
                .isInstanceOfSatisfying(KeywordException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getCause()).isInstanceOf(ToolResolutionException.class);
                });
    }

    @Test
    void aToolNameMustBeText() {
        assertThatThrownBy(() -> invoke("USE TOOL", Map.of()))
                .isInstanceOf(KeywordException.class)
                .hasMessage("USE TOOL needs the tool's name as text, got NULL");
        assertThatThrownBy(() -> invoke("ADD TOOL", Map.of("tool", Value.number(5))))
                .hasMessage("ADD TOOL needs the tool's name as text, got 5");
    }

    @Test
    void clearToolsHasNothingToCheck() throws KeywordException {
        assertThat(invoke("CLEAR TOOLS", Map.of())).isEqualTo(NullValue.NULL);
    }

    @Test
    void theFolderComesFromTheConfigurationWithADefault() {
        PluginConfiguration configured = new PluginConfiguration("tools", Map.of("folder", tools.toString()));

        assertThat(plugin.folder(configured).root()).isEqualTo(tools.toAbsolutePath());
        assertThat(plugin.folder(configured)).isSameAs(plugin.folder(configured));
        assertThat(ToolsPlugin.configuredFolder(PluginConfiguration.empty("tools")))
                .isEqualTo(Path.of("tools").toAbsolutePath());
    }

    @Test
    void aPluginWithAFixedFolderIgnoresTheConfiguration() throws KeywordException {
        ToolsPlugin fixed = new ToolsPlugin(new ToolFolder(tools, new LineToolCompiler()));

        Value schema = fixed.handler("ADD TOOL")
                .orElseThrow()
                .invoke(invocation(
                        "ADD TOOL", Map.of("tool", Value.text("lookup")), PluginConfiguration.empty("tools")));

        assertThat(((MapValue) schema).find("name")).contains(Value.text("lookup"));
    }

    @Test
    void thePluginAsServiceLoaderMakesItFindsTheCompilerThroughServiceLoader() throws KeywordException {
        ToolsPlugin loaded = new ToolsPlugin();

        Value schema = loaded.handler("USE TOOL")
                .orElseThrow()
                .invoke(invocation("USE TOOL", Map.of("tool", Value.text("lookup")), configuration()));

        assertThat(((MapValue) schema).find("description")).contains(Value.text("Looks up the weather"));
    }

    private Value invoke(String keyword, Map<String, Value> arguments) throws KeywordException {
        KeywordHandler handler = plugin.handler(keyword).orElseThrow();
        return handler.invoke(invocation(keyword, arguments, configuration()));
    }

    private PluginConfiguration configuration() {
        return new PluginConfiguration("tools", Map.of("folder", tools.toString()));
    }

    private static Invocation invocation(
            String keyword, Map<String, Value> arguments, PluginConfiguration configuration) {
        InvocationContext context = new InvocationContext() {
            @Override
            public System.Logger logger() {
                return System.getLogger("tools-test");
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public PluginConfiguration configuration() {
                return configuration;
            }
        };
        return new Invocation(keyword, arguments, "execution-1/7", "execution-1", 1, context);
    }
}
