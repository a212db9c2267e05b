package io.basicflow.compiler.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.compiler.testing.TestPlugin;
import io.basicflow.compiler.testing.TestPlugins;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywordCatalogueTest {

    private static final String PLUGIN_CLASS = DiscoverableTestPlugin.class.getName();

    @TempDir
    Path folder;

    @Test
    void providesKeywordsFunctionsTypesAndHandlers() {
        KeywordCatalogue catalogue = TestPlugins.catalogue();

        assertThat(catalogue.keyword("set   bot memory"))
                .map(CataloguedKeyword::name)
                .contains("SET BOT MEMORY");
        assertThat(catalogue.keyword("SET BOT MEMORY").orElseThrow().words()).containsExactly("SET", "BOT", "MEMORY");
        assertThat(catalogue.keyword("NOPE")).isEmpty();
        assertThat(catalogue.handler("find")).isPresent();
        assertThat(catalogue.function("left")).map(f -> f.maximumArguments()).contains(2);
        assertThat(catalogue.functions()).containsKey("UBOUND");
        assertThat(catalogue.inputType("text")).map(t -> t.name()).contains("STRING");
        assertThat(catalogue.inputTypes()).containsKey("STRING").doesNotContainKey("TEXT");
        assertThat(catalogue.plugins())
                .extracting(KeywordPlugin::name)
                .containsExactly("builtins", "mail", "tools", "data");
    }

    @Test
    void candidatesForLongestMatchComeLongestFirst() {
        KeywordCatalogue catalogue = KeywordCatalogue.of(new TestPlugin("kb")
                .keyword(KeywordDefinition.builder("KB").build())
                .keyword(KeywordDefinition.builder("KB DOCUMENTS ADDED").build())
                .keyword(KeywordDefinition.builder("KB DOCUMENTS").build()));

        assertThat(catalogue.keywordsStartingWith("KB"))
                .extracting(CataloguedKeyword::name)
                .containsExactly("KB DOCUMENTS ADDED", "KB DOCUMENTS", "KB");
    }

    @Test
    void aKeywordClaimedByTwoPluginsNamesBothPluginsAndBothJars() throws IOException, ReflectiveOperationException {
        Path jarA = pluginJar("first.jar", PLUGIN_CLASS);
        Path jarB = pluginJar("second.jar", PLUGIN_CLASS);
        KeywordPlugin first = load(jarA);
        KeywordPlugin second = load(jarB);

        assertThatThrownBy(() -> KeywordCatalogue.of(first, second))
                .isInstanceOf(PluginCatalogueException.class)
                .hasMessageContaining("keyword PROBE DISCOVERY is declared by two plugins")
                .hasMessageContaining("plugin 'discovery-probe' (" + PLUGIN_CLASS + " from " + jarA + ")")
                .hasMessageContaining("plugin 'discovery-probe' (" + PLUGIN_CLASS + " from " + jarB + ")");
    }

    @Test
    void functionsAndInputTypesMayNotBeClaimedTwiceEitherAndEveryProblemIsListed() {
        TestPlugin one = new TestPlugin("one").function("LEN", 1, 1).inputType("EMAIL");
        TestPlugin two = new TestPlugin("two").function("LEN", 1, 2).inputType("MAIL", "EMAIL");

        assertThatThrownBy(() -> KeywordCatalogue.of(one, two))
                .isInstanceOfSatisfying(
                        PluginCatalogueException.class,
                        e -> assertThat(e.problems())
                                .hasSize(2)
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("function LEN is declared by two plugins: plugin 'one'"))
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("input type EMAIL is declared by two plugins: plugin 'one'")))
                .hasMessageStartingWith("keyword plugins cannot be loaded (2 problems):");
    }

    @Test
    void aNameIsEitherAKeywordOrAFunction() {
        TestPlugin keywords = new TestPlugin("keywords")
                .keyword(KeywordDefinition.builder("COUNT").build());
        TestPlugin functions = new TestPlugin("functions").function("COUNT", 1, 1);

        assertThatThrownBy(() -> KeywordCatalogue.of(keywords, functions))
                .hasMessageContaining("COUNT is declared as a keyword by plugin 'keywords'")
                .hasMessageContaining("and as a function by plugin 'functions'");
    }

    @Test
    void anInvalidDeclarationIsReportedWithThePluginThatMadeIt() {
        TestPlugin broken = new TestPlugin("broken")
                .keyword(() -> KeywordDefinition.builder("SAVE")
                        .parameter(ParameterDefinition.optional("a", "first"))
                        .parameter(ParameterDefinition.required("b", "second"))
                        .build());

        assertThatThrownBy(() -> KeywordCatalogue.of(broken))
                .isInstanceOf(PluginCatalogueException.class)
                .hasMessageContaining("plugin 'broken' (" + TestPlugin.class.getName() + " from /")
                .hasMessageContaining(
                        "failed in keywords(): keyword SAVE: required parameter 'b' follows an optional one");
    }

    @Test
    void anEffectKeywordNeedsAHandlerButAPureOneDoesNot() {
        TestPlugin effect = new TestPlugin("effect")
                .keyword(KeywordDefinition.builder("PING").build())
                .withoutHandlers();
        TestPlugin pure = new TestPlugin("pure")
                .keyword(KeywordDefinition.builder("PONG")
                        .effect(EffectKind.PURE)
                        .build())
                .withoutHandlers();

        assertThatThrownBy(() -> KeywordCatalogue.of(effect))
                .hasMessageContaining(
                        "declares keyword PING with effect IDEMPOTENT_EFFECT but handler(\"PING\") is empty");
        assertThat(KeywordCatalogue.of(pure).keyword("PONG")).isPresent();
        assertThat(KeywordCatalogue.of(pure).handler("PONG")).isEmpty();
    }

    @Test
    void aKeywordMayNotHideABuiltInStatementAndPluginNamesAreChecked() {
        TestPlugin hiding = new TestPlugin("Bad Name")
                .keyword(KeywordDefinition.builder("TALK LOUDLY").build())
                .keyword(KeywordDefinition.builder("SEND EMAIL").build())
                .keyword(KeywordDefinition.builder("SET").build());

        assertThatThrownBy(() -> KeywordCatalogue.of(hiding))
                .isInstanceOfSatisfying(
                        PluginCatalogueException.class,
                        e -> assertThat(e.problems())
                                .hasSize(4)
                                .anySatisfy(p -> assertThat(p).contains("invalid name 'Bad Name'"))
                                .anySatisfy(p -> assertThat(p)
                                        .contains("keyword TALK LOUDLY, which would hide a built-in statement"))
                                .anySatisfy(p -> assertThat(p).contains("keyword SEND EMAIL, which would hide"))
                                .anySatisfy(p -> assertThat(p).contains("keyword SET, which would hide")));
    }

    @Test
    void aSetKeywordWithRequiredArgumentsIsAllowedBesideTheAssignment() {
        TestPlugin tables = new TestPlugin("tables")
                .keyword(KeywordDefinition.builder("SET")
                        .parameter(ParameterDefinition.required("table", "the table"))
                        .parameter(ParameterDefinition.required("filter", "which rows"))
                        .parameter(ParameterDefinition.required("values", "what to set"))
                        .build());

        KeywordCatalogue catalogue = KeywordCatalogue.of(tables);

        assertThat(catalogue.keyword("SET")).isPresent();
        io.basicflow.compiler.CompilationResult result = new io.basicflow.compiler.ScriptService(catalogue)
                .check("set.bas", "SET x = 1\nSET \"t\", \"id=\" + x, \"done=true\"\n");
        assertThat(result.succeeded()).as(result.format()).isTrue();
        List<io.basicflow.spi.program.Step> body =
                result.plan().orElseThrow().program().body();
        assertThat(body.get(0)).isInstanceOf(io.basicflow.spi.program.Step.Assign.class);
        assertThat(((io.basicflow.spi.program.Step.Invoke) body.get(1)).keyword())
                .isEqualTo("SET");
        // SET "name" = value assigns to a quoted name (a form basicflow does not know), not a SET call
        assertThat(new io.basicflow.compiler.ScriptService(catalogue)
                        .check("quoted.bas", "SET \"session.x\" = 1\n")
                        .diagnostics())
                .extracting(io.basicflow.compiler.diagnostics.Diagnostic::kind)
                .containsExactly(io.basicflow.compiler.diagnostics.DiagnosticKind.UNKNOWN_KEYWORD);
    }

    @Test
    void discoversPluginsListedInMetaInfServices() {
        KeywordCatalogue catalogue = KeywordCatalogue.discover(getClass().getClassLoader());

        assertThat(catalogue.plugins()).anyMatch(p -> p instanceof DiscoverableTestPlugin);
        assertThat(catalogue.keyword("PROBE DISCOVERY")).isPresent();
        assertThat(catalogue.handler("PROBE DISCOVERY")).isPresent();
    }

    @Test
    void aDiscoveredPluginIsNamedWithTheJarItCameFrom() throws IOException {
        Path jar = pluginJar("probe.jar", PLUGIN_CLASS);

        try (URLClassLoader loader = new ChildFirstLoader(jar, PLUGIN_CLASS)) {
            KeywordCatalogue catalogue = KeywordCatalogue.discover(loader);
            KeywordPlugin plugin =
                    catalogue.keyword("PROBE DISCOVERY").orElseThrow().plugin();

            assertThat(KeywordCatalogue.location(plugin)).isEqualTo(jar.toString());
            assertThat(KeywordCatalogue.describe(plugin))
                    .isEqualTo("plugin 'discovery-probe' (" + PLUGIN_CLASS + " from " + jar + ")");
        }
    }

    @Test
    void aPluginThatFailsToLoadStopsDiscoveryWithAClearError() throws IOException {
        Path jar = pluginJar("broken.jar", "com.example.MissingPlugin");

        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> KeywordCatalogue.discover(loader))
                    .isInstanceOf(PluginCatalogueException.class)
                    .hasMessageContaining("failed to load")
                    .hasMessageContaining("com.example.MissingPlugin");
        }
    }

    @Test
    void aPluginWhoseMethodsThrowIsReportedNotPropagated() {
        KeywordPlugin throwing = new KeywordPlugin() {
            @Override
            public String name() {
                return "throwing";
            }

            @Override
            public List<KeywordDefinition> keywords() {
                throw new IllegalStateException("configuration missing");
            }
        };

        assertThatThrownBy(() -> KeywordCatalogue.of(throwing))
                .isInstanceOf(PluginCatalogueException.class)
                .hasMessageContaining("plugin 'throwing'")
                .hasMessageContaining("failed in keywords(): configuration missing");
    }

    /** A jar with a plugin class copied from the test classes, listed in its META-INF/services. */
    private Path pluginJar(String name, String pluginClass) throws IOException {
        Path jar = folder.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + KeywordPlugin.class.getName()));
            out.write((pluginClass + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            String resource = pluginClass.replace('.', '/') + ".class";
            try (InputStream bytes = getClass().getClassLoader().getResourceAsStream(resource)) {
                if (bytes != null) {
                    out.putNextEntry(new JarEntry(resource));
                    bytes.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    private KeywordPlugin load(Path jar) throws IOException, ReflectiveOperationException {
        ChildFirstLoader loader = new ChildFirstLoader(jar, PLUGIN_CLASS);
        return (KeywordPlugin) loader.loadClass(PLUGIN_CLASS).getConstructor().newInstance();
    }

    /** Loads one class from its jar first, everything else (the SPI) from the test class path. */
    private static final class ChildFirstLoader extends URLClassLoader {
        private final String childFirst;

        ChildFirstLoader(Path jar, String childFirst) throws IOException {
            super(new URL[] {jar.toUri().toURL()}, KeywordCatalogueTest.class.getClassLoader());
            this.childFirst = childFirst;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(childFirst)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}
