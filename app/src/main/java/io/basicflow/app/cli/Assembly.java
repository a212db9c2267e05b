package io.basicflow.app.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.basicflow.app.assembly.CompilerModule;
import io.basicflow.app.assembly.ConfigurationModule;
import io.basicflow.app.assembly.ConversationModule;
import io.basicflow.app.assembly.CoreModule;
import io.basicflow.app.assembly.EngineModule;
import io.basicflow.app.assembly.HttpModule;
import io.basicflow.app.assembly.MailModule;
import io.basicflow.app.assembly.PersistenceModule;
import io.basicflow.app.assembly.PluginsModule;
import io.basicflow.app.assembly.ToolsModule;
import io.basicflow.app.config.Configuration;
import java.util.ArrayList;
import java.util.List;

/** Builds the one injector of a command from the feature modules. */
final class Assembly {

    private Assembly() {}

    /**
     * The modules every command uses: configuration, plugins (core, mail, tools, discovered), compiler.
     *
     * @param configuration the resolved configuration
     * @return the modules
     */
    static List<Module> baseModules(Configuration configuration) {
        List<Module> modules = new ArrayList<>();
        modules.add(new ConfigurationModule(configuration));
        modules.add(new PluginsModule());
        modules.add(new CoreModule());
        modules.add(new MailModule());
        modules.add(new HttpModule());
        modules.add(new ConversationModule());
        modules.add(new ToolsModule());
        modules.add(new CompilerModule());
        return modules;
    }

    /**
     * The injector for commands that compile and run scripts in memory.
     *
     * @param configuration the resolved configuration
     * @return the injector
     */
    static Injector compiler(Configuration configuration) {
        return Guice.createInjector(Stage.PRODUCTION, baseModules(configuration));
    }

    /**
     * The injector for commands that use the durable engine and its database.
     *
     * @param configuration the resolved configuration
     * @return the injector
     */
    static Injector full(Configuration configuration) {
        List<Module> modules = baseModules(configuration);
        modules.add(new PersistenceModule());
        modules.add(new EngineModule());
        return Guice.createInjector(Stage.PRODUCTION, modules);
    }
}
