package com.example.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.spi.value.Value;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example application of docs/java-api.md, run as its main method runs it. */
class EmbeddedAppTest {

    @Test
    void aDurableConversationRunsToItsEndAndIsAwaited(@TempDir Path folder) {
        EmbeddedApp.Outcome outcome = EmbeddedApp.converse(folder.resolve("data"), "Ada", "3");

        assertThat(outcome.messages()).containsExactly("Hello, Ada. How many tickets shall I open?");
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(outcome.result().map(Value::display)).contains("Ada asked for 3");
    }
}
