package io.basicflow.ai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code row = ROW FROM UNSTRUCTURED table, text[, columns]}: asks the model for one row of the table
 * taken from free text, as a JSON object, and gives it as a map. {@code SAVE FROM UNSTRUCTURED} is
 * lowered to {@code DESCRIBE TABLE}, this, then {@code INSERT}: the answer is recorded in this step's
 * completion event (a resumed run never asks again) and the row is written by the data plugin's
 * transactional step (exactly once).
 *
 * <p>With columns (a map column to type, as {@code DESCRIBE TABLE} gives them, or a list of names) the
 * model is asked for those columns only and other keys of its answer are dropped; without (a table
 * that does not exist yet) it names the columns itself, in lower case with underscores. The {@code id}
 * column is the database's, never asked for; keys the model answers with {@code null} are left out.
 */
final class RowExtraction implements KeywordHandler {

    static final String INSTRUCTIONS = "You turn free text into one row of a database table. Answer with one"
            + " JSON object and nothing else: no prose, no code fence. Use the column names given as the keys"
            + " (or, when none are given, short lower_case names for the facts the text states). Write numbers"
            + " as JSON numbers without units or currency signs, dates as YYYY-MM-DD, true/false for yes/no"
            + " facts, and null for a column the text does not give.";

    private final ChatClient client;

    RowExtraction(ChatClient client) {
        this.client = client;
    }

    @Override
    public Value invoke(Invocation invocation) throws KeywordException {
        InvocationContext context = invocation.context();
        AiSettings settings = new AiSettings(context.configuration());
        String table = invocation.argument("table").display().strip();
        String text = invocation.argument("text").display();
        List<String> columns = columns(invocation.argument("columns"));
        Map<String, String> types = types(invocation.argument("columns"));
        StringBuilder prompt = new StringBuilder("Table: ").append(table).append('\n');
        if (columns.isEmpty()) {
            prompt.append("Columns: none yet; choose them from the text.\n");
        } else {
            prompt.append("Columns:\n");
            for (String column : columns) {
                prompt.append("- ").append(column);
                String type = types.get(column);
                if (type != null && !type.isBlank()) {
                    prompt.append(" (").append(type).append(')');
                }
                prompt.append('\n');
            }
        }
        prompt.append("\nText:\n").append(text);
        List<ChatMessage> messages = List.of(SystemMessage.from(INSTRUCTIONS), UserMessage.from(prompt.toString()));
        return row(client.answer(settings, context, messages), columns);
    }

    /** The model's answer as a row: the JSON object in it, limited to the columns when there are any. */
    static MapValue row(String answer, List<String> columns) throws KeywordException {
        String json = answer.strip();
        JsonNode node = ModelJson.objectIn(json).orElse(null);
        if (node == null || !node.isObject()) {
            throw KeywordException.permanent("the model did not answer with a JSON object"
                    + " (it answered: " + shorten(answer) + "); try a model that follows instructions better"
                    + " (USE MODEL) or give clearer text");
        }
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        columns.forEach(column -> byLowerCase.put(column.toLowerCase(Locale.ROOT), column));
        Map<String, Value> row = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey().strip();
            String column = columns.isEmpty() ? key : byLowerCase.get(key.toLowerCase(Locale.ROOT));
            Value value = ToolCalling.value(field.getValue());
            if (column == null || column.equalsIgnoreCase("id") || value instanceof NullValue || key.isEmpty()) {
                continue;
            }
            row.put(column, value);
        }
        if (row.isEmpty()) {
            throw KeywordException.permanent("the model found none of the table's columns"
                    + (columns.isEmpty() ? "" : " (" + String.join(", ", columns) + ")")
                    + " in the text (it answered: " + shorten(answer) + ")");
        }
        return new MapValue(row);
    }

    /** The column names to ask for, without {@code id}: a map's keys or a list's texts. */
    private static List<String> columns(Value value) {
        List<String> names = new ArrayList<>();
        if (value instanceof MapValue map) {
            names.addAll(map.entries().keySet());
        } else if (value instanceof ListValue list) {
            list.elements().forEach(element -> names.add(element.display().strip()));
        }
        names.removeIf(name -> name.isBlank() || name.equalsIgnoreCase("id"));
        return names;
    }

    private static Map<String, String> types(Value value) {
        Map<String, String> types = new LinkedHashMap<>();
        if (value instanceof MapValue map) {
            map.entries().forEach((column, type) -> types.put(column, type.display()));
        }
        return types;
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
