package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.ai.AiPlugin;

/** LLM, BEGIN SYSTEM PROMPT, USE MODEL, USE KB. Configured by the {@code basicflow.ai.*} settings. */
public final class AiModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(AiPlugin.class);
    }
}
