package io.basicflow.compiler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET LAST "name"} ({@code TRIGGEREVENT(params, "name")}): the event in {@code params}, or a clear error. */
class TriggerFunctionsTest extends FunctionFixture {

    static final Map<String, Object> MAIL =
            Map.of("trigger", "email", "subject", "Invoice 7", "attachments", List.of(Map.of("filename", "a.pdf")));

    static final Map<String, Object> FILE = Map.of("trigger", "change", "event_type", "create", "file_name", "a.csv");

    static Map<String, Object> row(String operation) {
        Map<String, Object> row = new HashMap<>();
        row.put("operation", operation);
        row.put("table", "orders");
        row.put("new", operation.equals("delete") ? null : Map.of("id", "o1", "total", 12));
        row.put("old", operation.equals("insert") ? null : Map.of("id", "o1", "total", 10));
        return row;
    }

    @Test
    void getLastReadsTheEventThatStartedTheExecution() {
        assertThat(call("TRIGGEREVENT", MAIL, "email_received_events")).isEqualTo(Value.of(MAIL));
        assertThat(call("TRIGGEREVENT", FILE, " Folder_Change_Events ")).isEqualTo(Value.of(FILE));
        assertThat(call("TRIGGEREVENT", row("insert"), "orders")).isEqualTo(Value.of(Map.of("id", "o1", "total", 12)));
        assertThat(call("TRIGGEREVENT", row("update"), "Orders.xlsx"))
                .isEqualTo(Value.of(Map.of("id", "o1", "total", 12)));
        assertThat(call("TRIGGEREVENT", row("delete"), ".orders"))
                .as("a deleted row: the row as it was")
                .isEqualTo(Value.of(Map.of("id", "o1", "total", 10)));
    }

    @Test
    void outsideAnExecutionTheTriggerStartedItIsAClearError() {
        assertFails("TRIGGEREVENT", null, "email_received_events")
                .hasMessageContaining("was not started by an ON EMAIL monitor");
        assertFails("TRIGGEREVENT", FILE, "email_received_events")
                .hasMessageContaining("was not started by an ON EMAIL monitor");
        assertFails("TRIGGEREVENT", MAIL, "folder_change_events")
                .hasMessageContaining("was not started by an ON CHANGE monitor");
        assertFails("TRIGGEREVENT", row("insert"), "customers")
                .hasMessageContaining("not started by an ON INSERT, UPDATE or DELETE OF \"customers\" trigger");
    }
}
