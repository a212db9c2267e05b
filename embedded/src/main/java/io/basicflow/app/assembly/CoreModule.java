package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.compiler.core.CorePlugin;

/**
 * The built-in functions and input types ({@code UPPER}, {@code NOW}, {@code HEAR x AS EMAIL}, …):
 * the core plugin, bound like any other so that an assembly with {@link PluginDiscovery#none()} still
 * has them. With discovery on, the core plugin is also found on the class path and counted once.
 */
public final class CoreModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(CorePlugin.class);
    }
}
