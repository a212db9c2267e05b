package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.basicflow.app.config.Configuration;
import io.basicflow.data.DataListsPlugin;
import io.basicflow.data.DataPlugin;
import io.basicflow.engine.data.DataConnections;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The data keywords ({@code FIND}, {@code SAVE}, memory, …) and where their tables live.
 *
 * <ul>
 *   <li>By default, in the engine's database: a durable step writes in its own commit; a direct run
 *       starts the (embedded) database the first time a script uses a data keyword, and stops it when
 *       the process ends.
 *   <li>With {@code basicflow.data.url} (and {@code basicflow.data.user}, {@code
 *       basicflow.data.password}), in that database: durable steps write there with a ledger row per
 *       step ({@code basicflow_data_ledger}), so a retried step does not write again.
 * </ul>
 */
public final class DataModule extends AbstractModule {

    /** The JDBC URL of a separate database for bot data. */
    public static final String DATA_URL = "basicflow.data.url";

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(DataPlugin.class);
        PluginsModule.plugins(binder()).addBinding().to(DataListsPlugin.class);
        PluginsModule.plugins(binder()).addBinding().to(io.basicflow.data.TasksPlugin.class);
        PluginsModule.plugins(binder()).addBinding().to(io.basicflow.data.RolesPlugin.class);
        OptionalBinder.newOptionalBinder(binder(), DataConnections.class)
                .setBinding()
                .to(ConfiguredDataConnections.class);
    }

    @Provides
    @Singleton
    ConfiguredDataConnections dataConnections(Configuration configuration) {
        return new ConfiguredDataConnections(configuration);
    }

    /** The configured database for data: a separate URL, or the engine's, started on first use. */
    static final class ConfiguredDataConnections implements DataConnections {
        private final Configuration configuration;
        private Database started;

        ConfiguredDataConnections(Configuration configuration) {
            this.configuration = configuration;
        }

        @Override
        public Connection open() throws SQLException {
            var url = configuration.get(DATA_URL);
            if (url.isPresent()) {
                return DriverManager.getConnection(
                        url.get(),
                        configuration.get("basicflow.data.user").orElse(null),
                        configuration.get("basicflow.data.password").orElse(null));
            }
            return engineDatabase().dataSource().getConnection();
        }

        @Override
        public boolean sharesEngineDatabase() {
            return configuration.get(DATA_URL).isEmpty();
        }

        private synchronized Database engineDatabase() {
            if (started == null) {
                Database database = new Database(DatabaseConfig.fromProperties(
                        key -> configuration.get(key).orElse(null)));
                database.start();
                Runtime.getRuntime().addShutdownHook(new Thread(database::close, "basicflow-data-database-stop"));
                started = database;
            }
            return started;
        }
    }
}
