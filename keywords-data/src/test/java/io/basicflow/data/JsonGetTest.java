package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code JSON_GET(json, "path")} of keyword-get-bot-memory.md: a field of stored JSON text, by path. */
@ExtendWith(PostgresExtension.class)
class JsonGetTest {

    @Test
    void readsFieldsAndPositionsOfJsonTextOrMapsAndGivesNullWhereThePathLeadsNowhere(TestDatabase database) {
        DataEngines.Run run = DataEngines.direct(database, "json/start.bas", """
                SET BOT MEMORY "user_profile", "{""name"": ""Ana"", ""level"": 3, ""orders"": [{""sku"": ""A1""}]}"
                user_data = GET BOT MEMORY "user_profile"
                name = JSON_GET(user_data, "name")
                level = JSON_GET(user_data, "level")
                TALK "Welcome back, " + name + "! You are level " + (level + 1)
                TALK JSON_GET(user_data, "orders[0].sku") + " " + JSON_GET(PARSE_JSON(user_data), "$.orders[0].sku")
                TALK ISNULL(JSON_GET(user_data, "address.city")) + " " + ISNULL(JSON_GET(user_data, "orders[5]"))
                bad = JSON_GET(user_data, "orders..sku")
                """, List.of());
        assertThat(run.messages()).containsExactly("Welcome back, Ana! You are level 4", "A1 A1", "true true");
        assertThat(run.outcome()).startsWith("FAILED").contains("'orders..sku' is no path");
    }
}
