package io.basicflow.app.assembly;

import io.basicflow.spi.KeywordPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * How plugins beyond the explicitly bound ones are found. The default scans the class path with
 * {@link ServiceLoader}, so a plugin jar works by being on the class path; an integrator who wants
 * only the plugins it binds itself overrides this binding with {@link #none()}.
 */
@FunctionalInterface
public interface PluginDiscovery {

    /**
     * Finds plugins.
     *
     * @return the plugins found, in a stable order
     */
    List<KeywordPlugin> discover();

    /**
     * Discovery through {@code META-INF/services/io.basicflow.spi.KeywordPlugin} on a class loader.
     *
     * @param loader where to look
     * @return the discovery
     */
    static PluginDiscovery serviceLoader(ClassLoader loader) {
        return () -> {
            List<KeywordPlugin> found = new ArrayList<>();
            ServiceLoader.load(KeywordPlugin.class, loader).forEach(found::add);
            return found;
        };
    }

    /**
     * No discovery: only plugins bound with {@link PluginsModule#plugins} are used.
     *
     * @return the discovery
     */
    static PluginDiscovery none() {
        return List::of;
    }
}
