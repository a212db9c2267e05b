package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.basicflow.ai.AiPlugin;
import io.basicflow.engine.data.DataConnections;
import io.basicflow.persistence.Database;
import javax.sql.DataSource;

/**
 * LLM, BEGIN SYSTEM PROMPT, USE MODEL, USE KB / CLEAR KB, ANSWER. Configured by the {@code
 * basicflow.ai.*} settings. ANSWER in sql mode reads the bots' tables through the data keywords'
 * {@link DataConnections} when they are installed. The knowledge bases live in the application's PostgreSQL when it runs one (tables of
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
        // ANSWER in sql mode reads the bots' tables where the data keywords keep them
        Binding<DataConnections> data = injector.getExistingBinding(Key.get(DataConnections.class));
        AiPlugin.BotDatabase bots =
                data == null ? null : () -> data.getProvider().get().open();
        if (database == null) {
            return new AiPlugin(() -> null, bots);
        }
        return new AiPlugin(() -> dataSource(database.getProvider().get()), bots);
    }

    private static DataSource dataSource(Database database) {
        try {
            return database.dataSource();
        } catch (IllegalStateException notStarted) {
            return null;
        }
    }
}
