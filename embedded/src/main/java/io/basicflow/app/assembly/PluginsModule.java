package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.spi.KeywordPlugin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The set of keyword plugins. Feature modules (mail, tools, an integrator's own) add theirs with
 * {@link #plugins(Binder)}; {@link PluginDiscovery} adds the ones found on the class path, skipping
 * any class already bound. The resulting {@link KeywordCatalogue} refuses to build — and the app to
 * start — when two plugins claim one keyword, a declaration is invalid, or a handler is missing; its
 * error names the jars involved.
 */
public final class PluginsModule extends AbstractModule {

    /**
     * The multibinder that feature modules add their plugins to.
     *
     * @param binder the module's binder
     * @return the plugin set binder
     */
    public static Multibinder<KeywordPlugin> plugins(Binder binder) {
        return Multibinder.newSetBinder(binder, KeywordPlugin.class);
    }

    @Override
    protected void configure() {
        plugins(binder());
        bind(PluginDiscovery.class).toInstance(PluginDiscovery.serviceLoader(PluginsModule.class.getClassLoader()));
    }

    @Provides
    @Singleton
    KeywordCatalogue catalogue(Set<KeywordPlugin> bound, PluginDiscovery discovery) {
        List<KeywordPlugin> plugins = new ArrayList<>(bound);
        Set<Class<?>> classes = new HashSet<>();
        bound.forEach(plugin -> classes.add(plugin.getClass()));
        for (KeywordPlugin found : discovery.discover()) {
            if (classes.add(found.getClass())) {
                plugins.add(found);
            }
        }
        return KeywordCatalogue.of(plugins);
    }
}
