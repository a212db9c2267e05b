package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import io.basicflow.analytics.AnalyticsPlugin;

/**
 * The analytics keywords ({@code QUERY METRICS}, {@code CHART}): metrics over the engine's records of a
 * bot, read in the engine's database through the data connections of {@link DataModule} (see
 * docs/general-bots-extras.md).
 */
public final class AnalyticsModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(AnalyticsPlugin.class);
    }
}
