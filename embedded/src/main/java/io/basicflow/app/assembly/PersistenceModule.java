package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.basicflow.app.config.Configuration;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.DatabaseConfig;

/**
 * The database: the embedded PostgreSQL by default, or any PostgreSQL by {@code basicflow.db.url}.
 * Nothing connects here: the {@link Database} is started by whoever runs the node.
 */
public final class PersistenceModule extends AbstractModule {

    @Provides
    @Singleton
    DatabaseConfig databaseConfig(Configuration configuration) {
        return configOf(configuration);
    }

    /**
     * The database configuration this module binds for a configuration (its {@code basicflow.db.*}
     * keys).
     *
     * @param configuration the resolved configuration
     * @return the database configuration
     */
    public static DatabaseConfig configOf(Configuration configuration) {
        return DatabaseConfig.fromProperties(key -> configuration.get(key).orElse(null));
    }

    @Provides
    @Singleton
    Database database(DatabaseConfig config) {
        return new Database(config);
    }
}
