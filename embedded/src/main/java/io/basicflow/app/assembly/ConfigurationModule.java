package io.basicflow.app.assembly;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.basicflow.app.config.Configuration;

/** Binds the resolved configuration. */
public final class ConfigurationModule extends AbstractModule {

    private final Configuration configuration;

    /**
     * The module.
     *
     * @param configuration the resolved configuration
     */
    public ConfigurationModule(Configuration configuration) {
        this.configuration = requireNonNull(configuration, "configuration is null");
    }

    @Override
    protected void configure() {
        bind(Configuration.class).toInstance(configuration);
    }
}
