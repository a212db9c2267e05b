package io.basicflow.spi;

import java.time.Clock;

/** What a handler may use besides its arguments. */
public interface InvocationContext {

    /**
     * A logger named after the plugin.
     *
     * @return the logger
     */
    System.Logger logger();

    /**
     * The engine's clock; use it instead of the system clock so that tests can control time.
     *
     * @return the clock
     */
    Clock clock();

    /**
     * This plugin's configuration.
     *
     * @return the configuration
     */
    PluginConfiguration configuration();
}
