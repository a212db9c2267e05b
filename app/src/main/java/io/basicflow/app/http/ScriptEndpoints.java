package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.app.scripts.ScriptCheck;
import io.basicflow.app.scripts.ScriptLibrary;
import io.basicflow.app.scripts.ScriptLibraryException;
import io.basicflow.app.scripts.ScriptSource;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The handlers of {@code /scripts} and below. */
final class ScriptEndpoints {

    /** The file name diagnostics of a posted source use when the request names none. */
    static final String POSTED_NAME = "posted.bas";

    private final ScriptLibrary scripts;
    private final HttpServerConfig config;

    ScriptEndpoints(ScriptLibrary scripts, HttpServerConfig config) {
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.config = requireNonNull(config, "config is null");
    }

    /**
     * {@code GET /scripts}: every script with its check (whether it compiles, its syntax errors with
     * file:line:col, its unknown keywords). A script that vanished since the listing has no check.
     */
    void list(Context ctx) {
        Responses.json(ctx, 200, Views.scripts(scripts.list(), info -> {
            try {
                ScriptSource script = scripts.load(info.name());
                return Optional.of(scripts.check(info.name(), script.source()));
            } catch (ScriptLibraryException e) {
                return Optional.empty();
            }
        }));
    }

    /** {@code GET /scripts/{name}}: the script, its source and its check. */
    void get(Context ctx) {
        ScriptSource script = scripts.load(ctx.pathParam("name"));
        ScriptCheck check = scripts.check(script.info().name(), script.source());
        ObjectNode json = Views.script(script.info());
        json.put("source", script.source());
        json.set("check", Views.check(script.info().name(), check));
        Responses.json(ctx, 200, json);
    }

    /**
     * {@code POST /scripts/check}: a {@code text/plain} source (named by the {@code name} query
     * parameter) or JSON {@code {"source": "…", "name": "…"}}. Answers 200 with the diagnostics
     * whether or not the source compiles: the check itself succeeded.
     */
    void check(Context ctx) {
        Requests.BodyKind kind = Requests.kind(ctx, EnumSet.of(Requests.BodyKind.JSON, Requests.BodyKind.TEXT));
        byte[] body = Requests.body(ctx, config.maxBodyBytes());
        Posted posted = switch (kind) {
            case TEXT -> new Posted(nameOrDefault(ctx.queryParam("name")), Requests.text(body));
            case JSON -> {
                ObjectNode request = Requests.jsonObject(body, Set.of("source", "name"));
                yield new Posted(
                        nameOrDefault(Requests.optionalText(request, "name").orElse(null)),
                        Requests.requiredText(request, "source"));
            }
        };
        Responses.json(ctx, 200, Views.check(posted.name(), scripts.check(posted.name(), posted.source())));
    }

    private record Posted(String name, String source) {}

    private static String nameOrDefault(String name) {
        if (name == null || name.isBlank()) {
            return POSTED_NAME;
        }
        String stripped = name.strip();
        if (stripped.length() > 200 || stripped.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.invalidParameter("name", "'name' must be a file name of at most 200 characters");
        }
        return stripped;
    }
}
