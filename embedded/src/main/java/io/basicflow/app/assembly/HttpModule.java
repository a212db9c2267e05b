package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.http.HttpPlugin;

/**
 * GET, POST, PUT, PATCH, DELETE HTTP, SET HEADER, CLEAR HEADERS and HTTP RESPONSE. Configured by the
 * {@code basicflow.http.*} settings (see keywords-http's README).
 */
public final class HttpModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(HttpPlugin.class);
    }
}
