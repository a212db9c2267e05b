package io.basicflow.app.assembly;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.basicflow.app.config.Configuration;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import java.time.Clock;

/** The compiler and the runtime view of the plugin catalogue (handlers with their configuration). */
public final class CompilerModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(Clock.class).toInstance(Clock.systemDefaultZone());
        // Where data keywords keep their tables, when a module (DataModule) says so.
        com.google.inject.multibindings.OptionalBinder.newOptionalBinder(
                binder(), io.basicflow.engine.data.DataConnections.class);
    }

    @Provides
    @Singleton
    ScriptService scriptService(KeywordCatalogue catalogue) {
        return new ScriptService(catalogue);
    }

    @Provides
    @Singleton
    ScriptCompiler scriptCompiler(ScriptService service) {
        return ScriptCompiler.using(service);
    }

    @Provides
    @Singleton
    RuntimeCatalogue runtimeCatalogue(
            KeywordCatalogue catalogue,
            Configuration configuration,
            Clock clock,
            java.util.Optional<io.basicflow.engine.data.DataConnections> data) {
        RuntimeCatalogue runtime = RuntimeCatalogue.from(catalogue, configuration.all(), clock);
        return data.map(runtime::withData).orElse(runtime);
    }
}
