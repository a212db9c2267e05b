package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.mail.MailPlugin;

/** SEND MAIL over SMTP. Configured by the {@code basicflow.mail.*} settings. */
public final class MailModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(MailPlugin.class);
    }
}
