package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.basicflow.ai.AiPlugin;
import io.basicflow.persistence.Database;
import javax.sql.DataSource;

/**
 * LLM, BEGIN SYSTEM PROMPT, USE MODEL, USE KB / CLEAR KB. Configured by the {@code basicflow.ai.*}
 * settings. The knowledge bases live in the application's PostgreSQL when it runs one (tables of
 * migration V40), in memory otherwise (a direct run without a database).
 */
public final class AiModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginsModule.plugins(binder()).addBinding().to(AiPlugin.class);
    }

    @Provides
    @Singleton
    AiPlugin aiPlugin(Injector injector) {
        Binding<Database> database = injector.getExistingBinding(Key.get(Database.class));
        if (database == null) {
            return new AiPlugin();
        }
        return new AiPlugin(() -> dataSource(database.getProvider().get()));
    }

    private static DataSource dataSource(Database database) {
        try {
            return database.dataSource();
        } catch (IllegalStateException notStarted) {
            return null;
        }
    }
}
