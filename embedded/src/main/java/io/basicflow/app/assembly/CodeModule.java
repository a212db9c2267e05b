package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.code.CodePlugin;

/**
 * RUN PYTHON / RUN JAVASCRIPT / RUN BASH in a child process with hard limits; off unless {@code
 * basicflow.code.enabled=true} (see docs/run-code.md).
 */
public final class CodeModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(CodePlugin.class);
    }
}
