package io.basicflow.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.app.scripts.ScriptCheck;
import io.basicflow.app.scripts.ScriptDiagnostic;
import io.basicflow.app.scripts.ScriptInfo;
import io.basicflow.app.scripts.ScriptListing;
import io.basicflow.app.scripts.ScriptMode;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionError;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionSummary;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.api.MessageView;
import io.basicflow.spi.Suggestion;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON shapes of the API's resources; the OpenAPI description documents each one. */
final class Views {

    private static final Pattern FORMATTED_DIAGNOSTIC = Pattern.compile(
            "(?s)^(.+?):(\\d+):(\\d+): (error|warning): ([^\\n]*)(?:\\n([^\\n]*)(?:\\n[ \\t]*\\^(~*))?)?.*$");

    private Views() {}

    static String executionPath(String id) {
        return "/executions/" + id;
    }

    static ObjectNode execution(ExecutionView view) {
        ObjectNode json = Json.object()
                .put("id", view.id())
                .put("script", view.scriptName())
                .put("scriptHash", view.scriptHash())
                .put("status", view.status().name())
                .put("ended", view.status().isEnded())
                .put("createdAt", time(view.createdAt()))
                .put("updatedAt", time(view.updatedAt()));
        json.set("variables", Json.toJson(view.variables()));
        json.set("result", view.result().map(Json::toJson).orElse(Json.NODES.nullNode()));
        json.set("error", view.error().<JsonNode>map(Views::error).orElse(Json.NODES.nullNode()));
        putOptional(json, "waitingFor", view.waitingFor());
        json.put("lastSeq", view.lastSeq());
        ArrayNode tools = json.putArray("activeTools");
        view.activeTools().forEach(tools::add);
        putOptional(json, "parentId", view.parentId());
        json.set("links", executionLinks(view.id(), view.status()));
        return json;
    }

    private static ObjectNode executionLinks(String id, ExecutionStatus status) {
        String self = executionPath(id);
        ObjectNode links = Json.object()
                .put("self", self)
                .put("messages", self + "/messages")
                .put("events", self + "/events")
                .put("tools", self + "/tools");
        if (!status.isEnded()) {
            links.put("input", self + "/input").put("cancel", self + "/cancel");
        }
        if (status == ExecutionStatus.FAILED) {
            links.put("retry", self + "/retry");
        }
        return links;
    }

    static ObjectNode error(ExecutionError error) {
        ObjectNode json = Json.object()
                .put("message", error.message())
                .put("line", error.line())
                .put("column", error.column());
        putOptional(json, "keyword", error.keyword());
        return json;
    }

    static ObjectNode summary(ExecutionSummary summary) {
        ObjectNode json = Json.object()
                .put("id", summary.id())
                .put("script", summary.scriptName())
                .put("status", summary.status().name())
                .put("createdAt", time(summary.createdAt()))
                .put("updatedAt", time(summary.updatedAt()));
        putOptional(json, "parentId", summary.parentId());
        json.putObject("links").put("self", executionPath(summary.id()));
        return json;
    }

    static ObjectNode message(MessageView message) {
        ObjectNode json = Json.object()
                .put("position", message.position())
                .put("executionId", message.executionId())
                .put("seq", message.seq());
        putOptional(json, "recipient", message.recipient());
        json.put("text", message.text())
                .put("createdAt", time(message.createdAt()))
                .put("acknowledged", message.acknowledged());
        // ADD SUGGESTION's quick replies (empty when none) and SEND FILE's file (null when none)
        ArrayNode suggestions = json.putArray("suggestions");
        for (Suggestion suggestion : message.extras().suggestions()) {
            suggestions.addObject().put("text", suggestion.text()).put("reply", suggestion.reply());
        }
        if (message.extras().file().isPresent()) {
            MessageExtras.SentFile file = message.extras().file().get();
            ObjectNode fileJson = json.putObject("file").put("path", file.path());
            putOptional(fileJson, "caption", file.caption());
        } else {
            json.putNull("file");
        }
        return json;
    }

    static ObjectNode event(EventView event) {
        ObjectNode json = Json.object()
                .put("seq", event.seq())
                .put("type", event.type())
                .put("at", time(event.at()))
                .put("line", event.line())
                .put("summary", event.summary());
        json.set("payload", Json.parseOrText(event.payloadJson()));
        return json;
    }

    static ObjectNode script(ScriptInfo info) {
        ObjectNode json = Json.object()
                .put("name", info.name())
                .put("size", info.size())
                .put("modified", time(info.modified()))
                .put("mode", mode(info.mode()));
        json.putObject("links").put("self", "/scripts/" + info.name());
        return json;
    }

    static ObjectNode scripts(
            ScriptListing listing, java.util.function.Function<ScriptInfo, Optional<ScriptCheck>> checks) {
        ObjectNode json = Json.object();
        ArrayNode scripts = json.putArray("scripts");
        listing.scripts().forEach(info -> {
            ObjectNode script = script(info);
            checks.apply(info).ifPresent(check -> script.set("check", check(info.name(), check)));
            scripts.add(script);
        });
        ArrayNode problems = json.putArray("problems");
        listing.problems()
                .forEach(problem ->
                        problems.addObject().put("name", problem.name()).put("message", problem.message()));
        return json;
    }

    static ObjectNode check(String name, ScriptCheck check) {
        ObjectNode json = Json.object()
                .put("name", name)
                .put("compiles", check.compiles())
                .put("mode", mode(check.mode()));
        json.set("diagnostics", diagnostics(check.diagnostics()));
        json.set("unknownKeywords", unknownKeywords(check.diagnostics()));
        return json;
    }

    static ArrayNode diagnostics(List<ScriptDiagnostic> diagnostics) {
        ArrayNode array = Json.array();
        for (ScriptDiagnostic diagnostic : diagnostics) {
            array.addObject()
                    .put("severity", diagnostic.severity().name().toLowerCase(Locale.ROOT))
                    .put("file", diagnostic.file())
                    .put("line", diagnostic.line())
                    .put("column", diagnostic.column())
                    .put("length", diagnostic.length())
                    .put("message", diagnostic.message())
                    .put("sourceLine", diagnostic.sourceLine())
                    .put("text", diagnostic.formatted());
        }
        return array;
    }

    /**
     * The names no installed plugin provides, once each in order of appearance, with the module that
     * would provide each when known.
     */
    static ArrayNode unknownKeywords(List<ScriptDiagnostic> diagnostics) {
        ArrayNode array = Json.array();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ScriptDiagnostic diagnostic : diagnostics) {
            if (diagnostic.unknownName().isPresent()
                    && seen.add(diagnostic.unknownName().get())) {
                ObjectNode unknown =
                        array.addObject().put("name", diagnostic.unknownName().get());
                diagnostic
                        .providingModule()
                        .ifPresentOrElse(module -> unknown.put("module", module), () -> unknown.putNull("module"));
                unknown.put("at", diagnostic.file() + ":" + diagnostic.line() + ":" + diagnostic.column());
            }
        }
        return array;
    }

    /**
     * Diagnostics the engine reported as formatted text ({@code file:line:col: error: message}, the
     * line, a caret), read back into the structured shape; text in another shape is kept whole as
     * the message.
     */
    static ArrayNode formattedDiagnostics(String scriptName, List<String> formatted) {
        ArrayNode array = Json.array();
        for (String text : formatted) {
            Matcher matcher = FORMATTED_DIAGNOSTIC.matcher(text);
            ObjectNode json = array.addObject();
            if (matcher.matches()) {
                json.put("severity", matcher.group(4))
                        .put("file", matcher.group(1))
                        .put("line", Integer.parseInt(matcher.group(2)))
                        .put("column", Integer.parseInt(matcher.group(3)))
                        .put(
                                "length",
                                matcher.group(7) == null ? 1 : matcher.group(7).length() + 1)
                        .put("message", matcher.group(5))
                        .put("sourceLine", matcher.group(6) == null ? "" : matcher.group(6));
            } else {
                json.put("severity", "error")
                        .put("file", scriptName)
                        .put("line", 0)
                        .put("column", 0)
                        .put("length", 1)
                        .put("message", text)
                        .put("sourceLine", "");
            }
            json.put("text", text);
        }
        return array;
    }

    static String mode(ScriptMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    static String time(Instant instant) {
        return instant.toString();
    }

    private static void putOptional(ObjectNode json, String name, Optional<String> value) {
        if (value.isPresent()) {
            json.put(name, value.get());
        } else {
            json.putNull(name);
        }
    }
}
