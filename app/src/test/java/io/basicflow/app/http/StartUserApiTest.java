package io.basicflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code user} member of {@code POST /executions}, over real HTTP. */
class StartUserApiTest {

    @TempDir
    Path scripts;

    TestServer api;

    @BeforeEach
    void start() {
        api = TestServer.start(scripts);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theUserBecomesTheStartVariableUserWithItsId() {
        TestServer.Reply reply = api.post("/executions", """
                {"script": "ticket.bas", "id": "u1", "user": " whatsapp:+5511999 ", "variables": {"customer": "Ana"}}
                """);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("variables").path("user").path("id").asText())
                .isEqualTo("whatsapp:+5511999");
        assertThat(api.engine.variables("u1"))
                .containsEntry("user", new MapValue(Map.of("id", new TextValue("whatsapp:+5511999"))))
                .containsEntry("customer", new TextValue("Ana"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"script\": \"ticket.bas\", \"user\": 42}|'user' must be a string",
                "{\"script\": \"ticket.bas\", \"user\": \"  \"}|'user' must be 1 to 256 characters",
                "{\"script\": \"ticket.bas\", \"user\": \"a\\u0007b\"}|without control characters",
                "{\"script\": \"ticket.bas\", \"user\": \"a\", \"variables\": {\"User\": \"b\"}}|the user is given twice",
            })
    void aBadOrDoubledUserIs400AtItsMember(String body, String detail) {
        long before = api.engine.executionCount();

        JsonNode problem = api.post("/executions", body).problem(400, "invalid-request");

        assertThat(problem.path("pointer").asText()).isEqualTo("/user");
        assertThat(problem.path("detail").asText()).contains(detail);
        assertThat(api.engine.executionCount()).isEqualTo(before);
    }
}
