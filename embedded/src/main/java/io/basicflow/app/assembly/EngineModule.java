package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.basicflow.app.config.Configuration;
import io.basicflow.app.config.ConfigurationException;
import io.basicflow.app.config.Setting;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.engine.durable.EngineMetrics;
import io.basicflow.engine.interpreter.Limits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The durable engine's settings and its metrics (Micrometer, exposed in Prometheus format). */
public final class EngineModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(MeterRegistry.class).to(PrometheusMeterRegistry.class);
        bind(EngineMetrics.class).to(MicrometerEngineMetrics.class);
    }

    @Provides
    @Singleton
    PrometheusMeterRegistry meterRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Provides
    @Singleton
    MicrometerEngineMetrics engineMetrics(PrometheusMeterRegistry registry) {
        return new MicrometerEngineMetrics(registry);
    }

    /**
     * The {@code basicflow.durable.*} settings and the {@code basicflow.limits.*} limits. A worker
     * count of 0 (an API-only node) is allowed here; the node then starts no workers.
     */
    @Provides
    @Singleton
    DurableSettings durableSettings(Configuration configuration) {
        try {
            DurableSettings settings = DurableSettings.fromProperties(key -> {
                if (key.equals(Setting.WORKERS.key()) && configuration.getInt(Setting.WORKERS) == 0) {
                    return null;
                }
                return configuration.get(key).orElse(null);
            });
            Limits limits = settings.limits()
                    .withMaxTextLength(configuration.getInt(Setting.LIMIT_TEXT_CHARS))
                    .withMaxVariableBytes(configuration.getInt(Setting.LIMIT_VARIABLE_BYTES))
                    .withMaxCallDepth(configuration.getInt(Setting.LIMIT_CALL_DEPTH))
                    .withMaxInputLength(configuration.getInt(Setting.LIMIT_INPUT_CHARS))
                    .withInputAttempts(configuration.getInt(Setting.LIMIT_HEAR_ATTEMPTS))
                    .withMaxValueDepth(configuration.getInt(Setting.LIMIT_VALUE_DEPTH))
                    .withQuotas(
                            configuration.getInt(Setting.LIMIT_MAX_STEPS),
                            configuration.getInt(Setting.LIMIT_MAX_EVENTS),
                            configuration.getInt(Setting.LIMIT_MAX_HISTORY_BYTES),
                            configuration.getInt(Setting.LIMIT_MAX_MESSAGES));
            return settings.toBuilder().limits(limits).build();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
