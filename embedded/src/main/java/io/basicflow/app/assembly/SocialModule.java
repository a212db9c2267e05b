package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.social.LeadScoringPlugin;
import io.basicflow.social.SocialPlugin;

/** POST TO, GET … METRICS / POSTS, DELETE POST and lead scoring. Configured by the {@code basicflow.social.*} settings (see docs/social.md). */
public final class SocialModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(SocialPlugin.class);
        PluginsModule.plugins(binder()).addBinding().to(LeadScoringPlugin.class);
    }
}
