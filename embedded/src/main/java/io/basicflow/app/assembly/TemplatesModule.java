package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.templates.TemplatesPlugin;

/**
 * CREATE_TEMPLATE, GET_TEMPLATE, SEND_TEMPLATE, SEND_TEMPLATE_TO and SEND TEMPLATE (docs/templates.md):
 * templates in the bot's storage, sent over the channels the mail and SMS plugins offer.
 */
public final class TemplatesModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(TemplatesPlugin.class);
    }
}
