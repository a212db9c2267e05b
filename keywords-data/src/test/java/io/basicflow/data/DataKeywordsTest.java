package io.basicflow.data;

import static io.basicflow.data.DataEngines.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The data keywords in a direct run and in a durable run of the same script: the same messages and
 * the same tables, on a real PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class DataKeywordsTest {

    /** The reference pages' examples, in our own words: every table keyword once. */
    static final String SHOP = """
            data = #{customer_name: "Ana Lima", email: "ana@example.com", status: "active"}
            SAVE "customers", "CUST-001", data
            SAVE "customers", "CUST-002", #{customer_name: "Bo Berg", email: "bo@example.com", status: "active"}
            SAVE "customers", "CUST-001", #{status: "vip"}
            found = FIND "customers", "status=vip"
            TALK "vip: " + found[0].customer_name + " <" + found[0].email + ">"
            order = INSERT "orders", #{customer_id: "CUST-001", total: 40.5, status: "pending"}
            order2 = INSERT "orders", #{customer_id: "CUST-002", total: 12, status: "pending"}
            TALK "order " + order.id + " and " + order2.id
            n = UPDATE "orders", "id = " + order.id, #{status: "shipped"}
            TALK "updated " + n
            pending = FIND "orders", "status = 'pending' AND total < 100"
            TALK "pending " + LEN(pending)
            some = FIND "orders", "total >= 10 OR status IN ('shipped', 'lost')"
            FOR EACH o IN some
                TALK "order " + o.id + " " + o.status + " " + o.total
            NEXT
            MERGE "contacts", #{email: "john@example.com", name: "John", phone: "1"}, "email"
            MERGE "contacts", [#{email: "john@example.com", name: "John Smith"}, #{email: "eve@example.com", name: "Eve"}], "email"
            gone = DELETE "orders", "customer_id = 'CUST-002'"
            TALK "deleted " + gone
            left = FIND "orders"
            TALK "left " + LEN(left)
            """;

    @Test
    void theShopScriptGivesTheSameMessagesAndTablesDirectAndDurable(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "shopdirect/start.bas", SHOP, List.of());
        assertCompleted(direct);
        assertThat(direct.messages())
                .containsExactly(
                        "vip: Ana Lima <ana@example.com>",
                        "order 1 and 2",
                        "updated 1",
                        "pending 1",
                        "order 1 shipped 40.5",
                        "order 2 pending 12",
                        "deleted 1",
                        "left 1");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "shopdurable/start.bas", SHOP, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
        for (String table : List.of("customers", "orders", "contacts")) {
            assertThat(DataEngines.rows(database, "bot_shopdurable", table))
                    .as(table)
                    .isEqualTo(DataEngines.rows(database, "bot_shopdirect", table));
        }
        assertThat(DataEngines.rows(database, "bot_shopdirect", "customers"))
                .containsExactly(
                        "id=CUST-001, customer_name=Ana Lima, email=ana@example.com, status=vip",
                        "id=CUST-002, customer_name=Bo Berg, email=bo@example.com, status=active");
        assertThat(DataEngines.rows(database, "bot_shopdirect", "contacts", "id"))
                .containsExactly(
                        "email=john@example.com, name=John Smith, phone=1",
                        "email=eve@example.com, name=Eve, phone=null");
    }

    static final String MEMORY = """
            SET BOT MEMORY "greeting", "Hello"
            SET USER MEMORY "language", "pt"
            REMEMBER "cart", ["a", "b"], "30 days"
            SET CONTEXT "general" AS "You help with orders."
            SET SESSION "code", 1234
            greeting = GET BOT MEMORY("greeting")
            language = GET USER MEMORY("language")
            TALK greeting + " " + language
            cart = RECALL "cart"
            TALK "cart " + LEN(cart) + " " + cart[1]
            general = GET CONTEXT("general")
            TALK general
            code = GET SESSION "code"
            TALK "code " + (code + 1)
            missing = GET BOT MEMORY("nothing")
            IF missing = NULL THEN
                TALK "nothing"
            END IF
            """;

    @Test
    void memoryAndContextInBothModes(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "memdirect/start.bas", MEMORY, List.of());
        assertCompleted(direct);
        assertThat(direct.messages())
                .containsExactly("Hello pt", "cart 2 b", "You help with orders.", "code 1235", "nothing");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            Value user = new MapValue(Map.of("id", new TextValue("u-7")));
            DataEngines.Run durable = DataEngines.durable(engine, "memdurable/start.bas", MEMORY, Map.of("user", user));
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
            // The same user in another conversation sees the user memory, not the session.
            DataEngines.Run again = DataEngines.durable(
                    engine,
                    "memdurable/again.bas",
                    "l = GET USER MEMORY(\"language\")\nTALK l\nx = GET SESSION \"code\"\nIF x = NULL THEN\nTALK \"new session\"\nEND IF\n",
                    Map.of("user", user));
            assertCompleted(again);
            assertThat(again.messages()).containsExactly("pt", "new session");
        }
        assertThat(DataEngines.rows(database, "bot_memdurable", "basicflow_user_memory", "updated_at", "expires_at"))
                .containsExactlyInAnyOrder(
                        "user_id=u-7, key=cart, value=[\"a\",\"b\"]", "user_id=u-7, key=language, value=\"pt\"");
    }
}
