package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.sms.SmsPlugin;

/** SEND SMS through Twilio's REST API. Configured by the {@code basicflow.sms.*} settings (see docs/sms.md). */
public final class SmsModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(SmsPlugin.class);
    }
}
