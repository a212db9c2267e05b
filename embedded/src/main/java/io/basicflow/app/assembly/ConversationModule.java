package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.conversation.ConversationPlugin;

/** PRINT and LOG: lines for the execution's history and the log (keywords-conversation). */
public final class ConversationModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(ConversationPlugin.class);
    }
}
