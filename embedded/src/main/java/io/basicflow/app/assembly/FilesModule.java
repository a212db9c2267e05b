package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.files.FilesPlugin;

/**
 * READ, WRITE, LIST, COPY, MOVE and DELETE FILE on each bot's storage folder. Configured by the
 * {@code basicflow.files.*} settings (see docs/files.md).
 */
public final class FilesModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(FilesPlugin.class);
        PluginsModule.plugins(binder()).addBinding().to(io.basicflow.files.SecureLinkPlugin.class);
    }
}
