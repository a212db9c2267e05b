package io.basicflow.app.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.app.config.Configuration;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.persistence.DatabaseConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The app lists every setting with its default ({@code basicflow config}, the README); the engine and
 * the database have their own defaults. Without overrides, the app's defaults must configure exactly
 * what the modules would choose themselves, or the documented defaults would not be the real ones.
 */
class SettingDefaultsTest {

    private final Configuration defaults = Configuration.load(Map.of(), Map.of(), Optional.empty());

    @Test
    void theEngineSettingsTheAppDocumentsAreTheEnginesDefaults() {
        assertThat(new EngineModule().durableSettings(defaults)).isEqualTo(DurableSettings.defaults());
    }

    @Test
    void theDatabaseSettingsTheAppDocumentsAreTheDatabasesDefaults() {
        DatabaseConfig fromApp = new PersistenceModule().databaseConfig(defaults);
        DatabaseConfig own = DatabaseConfig.fromProperties(key -> null);

        assertThat(fromApp.pool()).isEqualTo(own.pool());
        assertThat(fromApp.server().getClass()).isEqualTo(own.server().getClass());
    }
}
