package io.basicflow.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.basicflow.app.assembly.BasicflowModules;
import io.basicflow.app.config.Configuration;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.spi.value.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node as an embedding application uses it: started, used, closed, and started again. */
class BasicflowNodeTest {

    private static final String SCRIPT = "#workflow\nHEAR n AS INTEGER\nRETURN n * 2\n";

    @Test
    void aNodeStopsAndStartsAgainOnTheSameInjectorAndTheExecutionSurvives(@TempDir Path folder) {
        Configuration configuration = Configuration.of(
                Map.of("basicflow.db.embedded.dir", folder.resolve("pg").toString()));
        Injector injector = Guice.createInjector(Stage.PRODUCTION, BasicflowModules.durable(configuration));

        try (BasicflowNode node = BasicflowNode.start(injector, true, folder)) {
            node.engine().start(new StartRequest(Optional.of("twice"), "twice.bas", SCRIPT, Map.of()));
            ExecutionView waiting = node.engine().awaitEnd("twice", Duration.ofMillis(300));
            assertThat(waiting.status()).isIn(ExecutionStatus.WAITING_INPUT, ExecutionStatus.RUNNING);
        }
        try (BasicflowNode node = BasicflowNode.start(injector, true, folder)) {
            node.engine().deliverInput("twice", "21");
            ExecutionView done = node.engine().awaitEnd("twice", Duration.ofSeconds(30));
            assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(done.result().map(Value::display)).contains("42");
        }
    }

    @Test
    void awaitingAnExecutionThatWaitsForInputReturnsAtTheTimeoutWithItsStatus(@TempDir Path folder) {
        Configuration configuration = Configuration.of(
                Map.of("basicflow.db.embedded.dir", folder.resolve("pg").toString()));
        Injector injector = Guice.createInjector(Stage.PRODUCTION, BasicflowModules.durable(configuration));
        try (BasicflowNode node = BasicflowNode.start(injector, true, folder)) {
            node.engine().start(new StartRequest(Optional.of("parked"), "parked.bas", SCRIPT, Map.of()));
            long started = System.nanoTime();
            ExecutionView view = node.engine().awaitEnd("parked", Duration.ofMillis(700));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
            assertThat(view.status()).isEqualTo(ExecutionStatus.WAITING_INPUT);
        }
    }
}
