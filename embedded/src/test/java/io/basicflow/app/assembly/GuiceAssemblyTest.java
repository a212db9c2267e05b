package io.basicflow.app.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import io.basicflow.app.config.Configuration;
import io.basicflow.app.node.BasicflowNode;
import io.basicflow.app.tools.ShoutPlugin;
import io.basicflow.compiler.CompilationException;
import io.basicflow.compiler.ExecutionPlan;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.mail.MailPlugin;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.value.Value;
import io.basicflow.tools.ToolFolder;
import io.basicflow.tools.ToolsPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's Guice assembly as an integrator uses it: every plugin set reaches the one injector
 * through the {@link PluginsModule} multibinder, and a feature module can be left out, swapped, or
 * joined by the integrator's own.
 */
class GuiceAssemblyTest {

    private static final Configuration CONFIGURATION = Configuration.of(Map.of());

    /** The modules of the app's commands, in their order. */
    private static List<Module> appModules() {
        return new ArrayList<>(List.of(
                new ConfigurationModule(CONFIGURATION),
                new PluginsModule(),
                new CoreModule(),
                new MailModule(),
                new ToolsModule(),
                new CompilerModule()));
    }

    /** Discovery off: only the plugins the modules bind. */
    private static Module noDiscovery() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(PluginDiscovery.class).toInstance(PluginDiscovery.none());
            }
        };
    }

    private static Injector injector(List<Module> modules) {
        return Guice.createInjector(Stage.PRODUCTION, modules);
    }

    private static Injector withoutDiscovery(List<Module> modules) {
        return Guice.createInjector(Stage.PRODUCTION, Modules.override(modules).with(noDiscovery()));
    }

    private static List<Class<?>> pluginClasses(Injector injector) {
        return injector.getInstance(KeywordCatalogue.class).plugins().stream()
                .<Class<?>>map(Object::getClass)
                .toList();
    }

    /** Runs a script in memory with the injector's compiler and runtime catalogue. */
    private static DirectOutcome run(Injector injector, String source, List<String> said) {
        ExecutionPlan plan = injector.getInstance(ScriptService.class).compile("test.bas", source);
        DirectRunner runner = DirectRunner.builder(
                        injector.getInstance(RuntimeCatalogue.class), injector.getInstance(ScriptCompiler.class))
                .build();
        return runner.run(plan, new Conversation() {
                    @Override
                    public void say(String text) {
                        said.add(text);
                    }

                    @Override
                    public Optional<String> listen(InputRequest request) {
                        return Optional.empty();
                    }
                })
                .outcome();
    }

    @Test
    void theAppsInjectorHasCoreMailAndToolsEachOnceEvenWhenDiscoveryFindsThemToo() {
        Injector injector = injector(appModules());

        List<Class<?>> plugins = pluginClasses(injector);

        assertThat(plugins).containsOnlyOnce(CorePlugin.class, MailPlugin.class, ToolsPlugin.class);
        KeywordCatalogue catalogue = injector.getInstance(KeywordCatalogue.class);
        assertThat(catalogue.keyword("SEND MAIL")).isPresent();
        assertThat(catalogue.keyword("ADD TOOL")).isPresent();
        assertThat(catalogue.function("UPPER")).isPresent();
        // One catalogue for the whole injector.
        assertThat(injector.getInstance(KeywordCatalogue.class)).isSameAs(catalogue);
    }

    @Test
    void leavingTheMailModuleOutWithDiscoveryOffMakesSendMailAnUnknownKeyword() {
        List<Module> modules = appModules();
        modules.removeIf(MailModule.class::isInstance);
        Injector injector = withoutDiscovery(modules);

        assertThat(pluginClasses(injector)).doesNotContain(MailPlugin.class);
        assertThatThrownBy(() -> injector.getInstance(ScriptService.class)
                        .compile("notify.bas", "SEND MAIL \"a@example.com\", \"Hi\", \"Body\"\n"))
                .isInstanceOf(CompilationException.class)
                .hasMessageContaining("notify.bas:1:1")
                .hasMessageContaining("SEND MAIL");
        // The rest still works, built-in functions included.
        List<String> said = new ArrayList<>();
        assertThat(run(injector, "TALK UPPER(\"still here\")\n", said)).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(said).containsExactly("STILL HERE");
    }

    @Test
    void leavingTheMailModuleOutWithDiscoveryOnStillFindsTheMailJar() {
        List<Module> modules = appModules();
        modules.removeIf(MailModule.class::isInstance);

        assertThat(pluginClasses(injector(modules))).contains(MailPlugin.class);
    }

    @Test
    void anIntegratorsOwnModuleAddsAPlugin() {
        List<Module> modules = appModules();
        modules.add(new AbstractModule() {
            @Override
            protected void configure() {
                PluginsModule.plugins(binder()).addBinding().to(ShoutPlugin.class);
            }
        });
        Injector injector = withoutDiscovery(modules);

        List<String> said = new ArrayList<>();
        DirectOutcome outcome = run(injector, "r = SHOUT(\"hello\")\nTALK r\n", said);

        assertThat(outcome).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(said).containsExactly("HELLO!");
    }

    @Test
    void swappingTheMailModuleForAnIntegratorsOneReplacesSendMail() {
        OutboxMail outbox = new OutboxMail();
        List<Module> modules = appModules();
        modules.replaceAll(module -> module instanceof MailModule
                ? new AbstractModule() {
                    @Override
                    protected void configure() {
                        PluginsModule.plugins(binder()).addBinding().toInstance(outbox);
                    }
                }
                : module);
        Injector injector = withoutDiscovery(modules);

        DirectOutcome outcome = run(injector, "SEND MAIL \"ana@example.com\", \"Hi\", \"Body\"\n", new ArrayList<>());

        assertThat(outcome).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(pluginClasses(injector)).doesNotContain(MailPlugin.class);
        assertThat(outbox.sent)
                .singleElement()
                .satisfies(mail -> assertThat(mail.argument("to")).isEqualTo(Value.text("ana@example.com")));
    }

    @Test
    void overridingABindingReplacesThePluginInstance(@TempDir Path tools) throws Exception {
        Files.writeString(tools.resolve("lookup.bas"), "DESCRIPTION \"Looks things up\"\nRETURN 1\n");
        ToolsPlugin ours = new ToolsPlugin(new ToolFolder(tools, (name, source) -> {
            throw new IllegalStateException("not compiled in this test");
        }));
        Injector injector = Guice.createInjector(
                Stage.PRODUCTION, Modules.override(appModules()).with(noDiscovery(), new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(ToolsPlugin.class).toInstance(ours);
                    }
                }));

        assertThat(injector.getInstance(KeywordCatalogue.class).plugins()).contains(ours);
    }

    @Test
    void anIntegratorsPluginReachesTheDurableEngineOfTheOneInjector(@TempDir Path folder) {
        List<Module> modules = new ArrayList<>(appModules());
        modules.set(
                0,
                new ConfigurationModule(Configuration.of(Map.of(
                        "basicflow.db.embedded.dir", folder.resolve("postgres").toString(),
                        "basicflow.tools.folder", folder.resolve("tools").toString()))));
        modules.add(new PersistenceModule());
        modules.add(new EngineModule());
        modules.add(new AbstractModule() {
            @Override
            protected void configure() {
                PluginsModule.plugins(binder()).addBinding().to(ShoutPlugin.class);
            }
        });
        Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);

        try (BasicflowNode node = BasicflowNode.start(injector, true, folder)) {
            String id = node.engine()
                    .start(new StartRequest(
                            Optional.empty(), "shout.bas", "#workflow\nr = SHOUT(\"durable\")\nRETURN r\n", Map.of()))
                    .executionId();
            ExecutionView view = null;
            for (int i = 0;
                    i < 3000 && (view == null || !(view.status().isEnded() || view.status() == ExecutionStatus.FAILED));
                    i++) {
                view = node.engine().find(id).orElseThrow();
                sleep(10);
            }

            assertThat(view.status()).as(String.valueOf(view.error())).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(view.result()).contains(Value.text("DURABLE!"));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void twoPluginsClaimingOneKeywordStopTheInjector() {
        List<Module> modules = appModules();
        modules.add(new AbstractModule() {
            @Override
            protected void configure() {
                PluginsModule.plugins(binder()).addBinding().toInstance(new OutboxMail());
            }
        });

        assertThatThrownBy(() -> injector(modules))
                .isInstanceOfAny(CreationException.class, ProvisionException.class)
                .hasMessageContaining("SEND MAIL");
    }

    /** An integrator's SEND MAIL that puts mail in an outbox instead of sending it. */
    static final class OutboxMail implements KeywordPlugin {
        final List<Invocation> sent = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "outbox-mail";
        }

        @Override
        public List<KeywordDefinition> keywords() {
            return List.of(KeywordDefinition.builder("SEND MAIL")
                    .parameter(ParameterDefinition.required("to", "recipients"))
                    .parameter(ParameterDefinition.required("subject", "subject"))
                    .parameter(ParameterDefinition.optional("body", "body"))
                    .build());
        }

        @Override
        public Optional<KeywordHandler> handler(String keyword) {
            return Optional.of(invocation -> {
                sent.add(invocation);
                return Value.nullValue();
            });
        }
    }
}
