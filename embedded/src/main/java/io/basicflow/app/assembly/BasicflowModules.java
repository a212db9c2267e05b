package io.basicflow.app.assembly;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import io.basicflow.app.config.Configuration;
import java.util.ArrayList;
import java.util.List;

/**
 * The feature modules of basicflow, in one list, so that an application builds its injector the
 * way basicflow's own command line does and gets every standard keyword family as basicflow adds
 * them:
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(Stage.PRODUCTION, BasicflowModules.durable(configuration));
 * }</pre>
 *
 * Each module is also public on its own: leave one out, {@code Modules.override(...)} one, or add an
 * application module that binds plugins through {@link PluginsModule#plugins}.
 */
public final class BasicflowModules {

    private BasicflowModules() {}

    /**
     * What compiling and running scripts in memory needs: configuration, the plugin set (core, mail,
     * data, tools and the plugins found on the class path) and the compiler.
     *
     * @param configuration the resolved configuration
     * @return a new, mutable list of the modules
     */
    public static List<Module> direct(Configuration configuration) {
        requireNonNull(configuration, "configuration is null");
        List<Module> modules = new ArrayList<>();
        modules.add(new ConfigurationModule(configuration));
        modules.add(new PluginsModule());
        modules.add(new CoreModule());
        modules.add(new MailModule());
        modules.add(new DataModule());
        modules.add(new ToolsModule());
        modules.add(new VisionModule());
        modules.add(new TemplatesModule());
        modules.add(new AnalyticsModule());
        modules.add(new CodeModule());
        modules.add(new SocialModule());
        modules.add(new MeetModule());
        modules.add(new SmsModule());
        modules.add(new PdfModule());
        modules.add(new FilesModule());
        modules.add(new ConversationModule());
        modules.add(new AiModule());
        modules.add(new HttpModule());
        modules.add(new CompilerModule());
        return modules;
    }

    /**
     * Everything {@link #direct} has, plus the database and the durable engine's settings and
     * metrics: what {@link io.basicflow.app.node.BasicflowNode#start} needs.
     *
     * @param configuration the resolved configuration
     * @return a new, mutable list of the modules
     */
    public static List<Module> durable(Configuration configuration) {
        List<Module> modules = direct(configuration);
        modules.add(new PersistenceModule());
        modules.add(new EngineModule());
        return modules;
    }
}
