package io.basicflow.app.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.basicflow.app.assembly.BasicflowModules;
import io.basicflow.app.config.Configuration;
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
        return BasicflowModules.direct(configuration);
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
        return Guice.createInjector(Stage.PRODUCTION, BasicflowModules.durable(configuration));
    }
}
