package io.basicflow.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.ToolCall;
import io.basicflow.spi.ToolRound;
import io.basicflow.spi.ToolTurn;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model side of tool calling: the execution's active tools as OpenAI function specifications, the
 * rounds so far as chat messages, and a model answer with tool calls as a {@link ToolTurn.CallTools}
 * for the engine, which runs each call as the tool's durable child execution.
 *
 * <p>A tool's function name is its name with every character outside {@code [A-Za-z0-9_-]} turned
 * into {@code _} (OpenAI's rule): {@code tickets/open.bas} is offered as {@code tickets_open}. The
 * recorded message of a turn keeps the model's text and its calls ({@code id}, function {@code name},
 * {@code arguments} as the model wrote them), enough to send the exchange again on the next turn.
 */
final class ToolCalling {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The active tools, by the function name the model sees. */
    record Offer(List<ToolSpecification> specifications, Map<String, Tool> tools) {
        static final Offer NONE = new Offer(List.of(), Map.of());
    }

    /** A tool: its name in the tools folder and its parameters in {@code PARAM} order. */
    record Tool(String name, List<String> parameters) {}

    private ToolCalling() {}

    /** The execution's active tools as function specifications, from their JSON Schemas. */
    static Offer offer(InvocationContext context) throws KeywordException {
        List<String> active = context.activeTools();
        if (active.isEmpty()) {
            return Offer.NONE;
        }
        List<ToolSpecification> specifications = new ArrayList<>();
        Map<String, Tool> tools = new LinkedHashMap<>();
        for (String name : active) {
            Value schema = context.toolSchema(name).orElse(NullValue.NULL);
            if (!(schema instanceof MapValue map)) {
                continue; // no tools plugin: nothing to describe the tool with
            }
            String function = functionName(name);
            MapValue input = map.find("inputSchema").orElse(NullValue.NULL) instanceof MapValue m ? m : MapValue.EMPTY;
            MapValue properties =
                    input.find("properties").orElse(NullValue.NULL) instanceof MapValue p ? p : MapValue.EMPTY;
            JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
            for (Map.Entry<String, Value> property : properties.entries().entrySet()) {
                parameters.addProperty(
                        property.getKey(), element(property.getValue() instanceof MapValue p ? p : MapValue.EMPTY));
            }
            if (input.find("required").orElse(NullValue.NULL) instanceof ListValue required) {
                parameters.required(
                        required.elements().stream().map(Value::display).toList());
            }
            ToolSpecification.Builder specification =
                    ToolSpecification.builder().name(function).parameters(parameters.build());
            map.find("description").map(Value::display).ifPresent(specification::description);
            specifications.add(specification.build());
            tools.put(function, new Tool(name, List.copyOf(properties.entries().keySet())));
        }
        return new Offer(List.copyOf(specifications), Map.copyOf(tools));
    }

    /** The function name of a tool: OpenAI allows letters, digits, {@code _} and {@code -}, 64 at most. */
    static String functionName(String tool) {
        String name = tool.endsWith(".bas") ? tool.substring(0, tool.length() - 4) : tool;
        name = name.replaceAll("[^A-Za-z0-9_-]", "_");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static JsonSchemaElement element(MapValue schema) {
        String description = schema.find("description").map(Value::display).orElse(null);
        if (schema.find("enum").orElse(NullValue.NULL) instanceof ListValue choices) {
            return JsonEnumSchema.builder()
                    .enumValues(choices.elements().stream().map(Value::display).toList())
                    .description(description)
                    .build();
        }
        String type = schema.find("type").map(Value::display).orElse("string");
        return switch (type) {
            case "integer" ->
                JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" ->
                JsonBooleanSchema.builder().description(description).build();
            case "array" ->
                JsonArraySchema.builder()
                        .items(new JsonStringSchema())
                        .description(description)
                        .build();
            case "object" -> JsonObjectSchema.builder().description(description).build();
            default -> JsonStringSchema.builder().description(description).build();
        };
    }

    /** The finished rounds as the model's messages and the tools' answers, to follow the prompt. */
    static List<ChatMessage> history(List<ToolRound> rounds) {
        List<ChatMessage> messages = new ArrayList<>();
        for (ToolRound round : rounds) {
            MapValue message = (MapValue) round.message();
            List<ToolExecutionRequest> requests = new ArrayList<>();
            List<Value> calls = ((ListValue) message.find("calls").orElseThrow()).elements();
            for (Value call : calls) {
                MapValue fields = (MapValue) call;
                requests.add(ToolExecutionRequest.builder()
                        .id(fields.find("id").orElseThrow().display())
                        .name(fields.find("name").orElseThrow().display())
                        .arguments(fields.find("arguments").orElseThrow().display())
                        .build());
            }
            String text = message.find("text").map(Value::display).orElse("");
            messages.add(text.isEmpty() ? AiMessage.from(requests) : AiMessage.from(text, requests));
            for (int i = 0; i < requests.size(); i++) {
                Value result = i < round.results().size() ? round.results().get(i) : NullValue.NULL;
                messages.add(ToolExecutionResultMessage.from(
                        requests.get(i).id(), requests.get(i).name(), resultText(result)));
            }
        }
        return messages;
    }

    private static String resultText(Value result) {
        return switch (result) {
            case NullValue ignored -> "";
            case MapValue map -> io.basicflow.spi.value.Json.write(map);
            case ListValue list -> io.basicflow.spi.value.Json.write(list);
            default -> result.display();
        };
    }

    /** The model's tool calls as a turn for the engine; its function names must be offered tools. */
    static ToolTurn.CallTools calls(AiMessage answer, Offer offer) throws KeywordException {
        List<Value> recorded = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        int n = 0;
        for (ToolExecutionRequest request : answer.toolExecutionRequests()) {
            n++;
            Tool tool = offer.tools().get(request.name());
            if (tool == null) {
                throw KeywordException.permanent("the model asked for the tool \"" + request.name()
                        + "\", which is not one of the active tools ("
                        + String.join(", ", offer.tools().keySet())
                        + ")");
            }
            String id = request.id() == null || request.id().isBlank() ? "call_" + n : request.id();
            String arguments =
                    request.arguments() == null || request.arguments().isBlank() ? "{}" : request.arguments();
            Map<String, Value> fields = new LinkedHashMap<>();
            fields.put("id", new TextValue(id));
            fields.put("name", new TextValue(request.name()));
            fields.put("arguments", new TextValue(arguments));
            recorded.add(new MapValue(fields));
            calls.add(new ToolCall(id, tool.name(), arguments(tool, arguments)));
        }
        Map<String, Value> message = new LinkedHashMap<>();
        message.put("text", new TextValue(answer.text() == null ? "" : answer.text()));
        message.put("calls", new ListValue(recorded));
        return new ToolTurn.CallTools(new MapValue(message), calls);
    }

    /** The model's JSON arguments in the tool's {@code PARAM} order; one left out is {@code NULL}. */
    private static List<Value> arguments(Tool tool, String json) throws KeywordException {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw KeywordException.permanent(
                    "the model called the tool \"" + tool.name() + "\" with arguments that are not JSON: " + json, e);
        }
        if (!node.isObject()) {
            throw KeywordException.permanent("the model called the tool \"" + tool.name()
                    + "\" with arguments that are not a JSON object: " + json);
        }
        List<Value> values = new ArrayList<>();
        for (String parameter : tool.parameters()) {
            values.add(value(node.get(parameter)));
        }
        return values;
    }

    static Value value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? BooleanValue.TRUE : BooleanValue.FALSE;
        }
        if (node.isNumber()) {
            return NumberValue.of(node.decimalValue());
        }
        if (node.isArray()) {
            List<Value> elements = new ArrayList<>();
            node.forEach(element -> elements.add(value(element)));
            return new ListValue(elements);
        }
        if (node.isObject()) {
            Map<String, Value> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                entries.put(field.getKey(), value(field.getValue()));
            }
            return new MapValue(entries);
        }
        return new TextValue(node.asText());
    }
}
