package io.basicflow.compiler.core;

import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code TRIGGEREVENT(params, "name")}, what {@code GET LAST "name"} is written as (keyword-on-email.md's
 * {@code GET LAST "email_received_events"}, keyword-on-change.md's {@code GET LAST "folder_change_events"},
 * keyword-goto.md's {@code GET LAST "orders"}): the event that started this execution, read from its
 * {@code params}. Outside an execution such a trigger started, an error saying so.
 */
final class TriggerFunctions {

    /** The event tables of keyword-on-email.md and keyword-on-change.md. */
    static final String EMAIL = "email_received_events";

    static final String CHANGE = "folder_change_events";

    private TriggerFunctions() {}

    static List<FunctionDefinition> definitions() {
        return List.of(Functions.define(
                "TRIGGEREVENT",
                2,
                2,
                "TRIGGEREVENT(params, name): what GET LAST \"name\" reads: the e-mail (email_received_events), the"
                        + " changed file (folder_change_events) or the changed row (a table's name) that started this"
                        + " execution",
                (args, env) -> event(args.get(0), args.get(1).display())));
    }

    static Value event(Value params, String written) {
        String name = written.strip().toLowerCase(Locale.ROOT);
        Optional<String> trigger = member(params, "trigger");
        switch (name) {
            case EMAIL -> {
                if (trigger.equals(Optional.of("email"))) {
                    return params;
                }
                throw new IllegalArgumentException("GET LAST \"" + written + "\" reads the e-mail that started this"
                        + " execution, and this execution was not started by an ON EMAIL monitor (docs/triggers.md)");
            }
            case CHANGE -> {
                if (trigger.equals(Optional.of("change"))) {
                    return params;
                }
                throw new IllegalArgumentException("GET LAST \"" + written + "\" reads the file change that started"
                        + " this execution, and this execution was not started by an ON CHANGE monitor"
                        + " (docs/triggers.md)");
            }
            default -> {
                String table = name.startsWith(".") ? name.substring(1) : name;
                table = table.replaceFirst("\\.(xlsx|xls|csv)$", "");
                Optional<String> changed = member(params, "table");
                Optional<String> operation = member(params, "operation");
                if (changed.isPresent()
                        && operation.isPresent()
                        && changed.get().equals(table)) {
                    MapValue row = (MapValue) params;
                    return row.find(operation.get().equals("delete") ? "old" : "new")
                            .orElse(NullValue.NULL);
                }
                throw new IllegalArgumentException("GET LAST \"" + written + "\" reads the row whose change started"
                        + " this execution, and this execution was not started by an ON INSERT, UPDATE or DELETE"
                        + " OF \"" + table + "\" trigger (docs/triggers.md)");
            }
        }
    }

    private static Optional<String> member(Value params, String name) {
        if (params instanceof MapValue map) {
            return map.find(name).filter(TextValue.class::isInstance).map(Value::display);
        }
        return Optional.empty();
    }
}
