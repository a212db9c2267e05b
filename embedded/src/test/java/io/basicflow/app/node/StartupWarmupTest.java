package io.basicflow.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Stage;
import io.basicflow.app.assembly.BasicflowModules;
import io.basicflow.app.config.Configuration;
import io.basicflow.compiler.ScriptService;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up runs every part with the standard assembly: its failures are only logged, so
 * without this test a warm-up broken by a change (its script no longer compiling, say) would go
 * unnoticed and silently cost the first step again.
 */
class StartupWarmupTest {

    @Test
    void everyPartOfTheWarmUpRunsWithTheStandardAssembly() throws InterruptedException {
        ScriptService compiler = Guice.createInjector(
                        Stage.PRODUCTION, BasicflowModules.direct(Configuration.of(Map.of())))
                .getInstance(ScriptService.class);

        assertThat(StartupWarmup.run(compiler)).isTrue();

        Thread background = StartupWarmup.start(compiler);
        background.join(60_000);
        assertThat(background.isAlive()).isFalse();
        assertThat(background.isDaemon()).as("never keeps the JVM alive").isTrue();
    }
}
