package io.basicflow.persistence.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.persistence.testing.CountingPlugin;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({PostgresExtension.class, ReplayVerification.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmokeTest {

    private final CountingPlugin plugin = new CountingPlugin();
    private DurableFixture engine;

    @BeforeAll
    void start(TestDatabase database) {
        engine = DurableFixture.builder(database).plugins(plugin).start();
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    @Test
    void runsToTheEnd() {
        String id = engine.start("#workflow\nx = 1\nTALK \"x is \" + x\nr = PING(x)\nRETURN r + 1\n");

        ExecutionView view = engine.awaitStatus(id, ExecutionStatus.COMPLETED, ExecutionStatus.FAILED);

        assertThat(view.error()).isEmpty();
        assertThat(view.result()).contains(IntegerValue.of(2));
        assertThat(engine.messages(id)).containsExactly("x is 1");
    }

    @Test
    void hearWaitsForInput() {
        String id = engine.start("#workflow\nHEAR name WITH \"name?\"\nTALK \"hi \" + name\n");
        engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);

        engine.engine().deliverInput(id, "Ana");

        engine.awaitStatus(id, ExecutionStatus.COMPLETED);
        assertThat(engine.messages(id)).containsExactly("name?", "hi Ana");
    }
}
