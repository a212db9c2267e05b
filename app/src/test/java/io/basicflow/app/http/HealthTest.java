package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health} reports the database: UP only while it answers, 503 naming the problem when not. */
class HealthTest {

    @TempDir
    Path scripts;

    @Test
    void healthFollowsTheDatabase() {
        AtomicReference<Optional<String>> database = new AtomicReference<>(Optional.empty());
        try (TestServer api = TestServer.startWithHealth(scripts, database::get)) {
            TestServer.Reply up = api.get("/health");
            assertThat(up.status()).isEqualTo(200);
            assertThat(up.json().path("status").asText()).isEqualTo("UP");
            assertThat(up.json().path("database").asText()).isEqualTo("UP");

            database.set(Optional.of("Connection to localhost:5433 refused"));
            JsonNode down = api.get("/health").problem(503, "database-unavailable");

            assertThat(down.path("database").asText()).isEqualTo("DOWN");
            assertThat(down.path("detail").asText())
                    .contains("the database does not answer: Connection to localhost:5433 refused");

            database.set(Optional.empty());
            assertThat(api.get("/health").status())
                    .as("back when the database is")
                    .isEqualTo(200);
        }
    }
}
