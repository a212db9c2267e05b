package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.orchestration.BotCalls;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.spi.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the scripts of child executions come from: {@code CALL "x.bas"} (a script beside the
 * parent's, in a scripts folder) and {@code r = USE TOOL "x", …} (a tool). The engine pins the
 * returned source by hash, so the child finishes on it even if the file changes.
 *
 * <p>The app adapts the tools module's {@code ToolFolder.prepareCall} here, so that the engine does
 * not depend on it.
 */
@FunctionalInterface
public interface ChildScripts {

    /** No child scripts: every child fails with a message saying so. */
    ChildScripts NONE = request -> {
        throw new ChildScriptException((request.kind() == ChildRequest.Kind.TOOL
                        ? "USE TOOL \""
                        : request.kind() == ChildRequest.Kind.BOT ? "BOT \"" : "CALL \"")
                + request.script() + "\": this engine has no scripts folder or tools configured");
    };

    /**
     * Finds and prepares a child's script.
     *
     * @param request the child, with the parent's script name for relative names
     * @return the script and, when already bound, its variables
     * @throws ChildScriptException when there is no such script or its arguments do not fit (the
     *     parent's step fails with the message)
     */
    PreparedChild prepare(ChildRequest request);

    /**
     * Children from a resolver (e.g. {@link ScriptResolver#directory}): the source as found, a tool's
     * positional arguments bound to its {@code PARAM}s by the engine.
     *
     * @param resolver finds sources
     * @return the port
     */
    static ChildScripts from(ScriptResolver resolver) {
        requireNonNull(resolver, "resolver is null");
        return request -> {
            Optional<ScriptResolver.Script> script;
            try {
                script = resolver.resolve(request);
            } catch (RuntimeException e) {
                throw new ChildScriptException(String.valueOf(e.getMessage()));
            }
            ScriptResolver.Script found = script.orElseThrow(() -> new ChildScriptException(
                    request.kind() == ChildRequest.Kind.BOT
                            ? BotCalls.missing(request.script())
                            : "there is no script " + request.script() + " beside " + request.parentScript()));
            return new PreparedChild(found.name(), found.source(), Optional.empty());
        };
    }

    /**
     * A child's script, ready to start.
     *
     * @param scriptName its name
     * @param source its exact source
     * @param variables its initial variables when the port bound them (a tool's checked arguments);
     *     empty to let the engine bind the request's arguments to the script's {@code PARAM}s in order
     */
    record PreparedChild(String scriptName, String source, Optional<Map<String, Value>> variables) {
        /**
         * Validates and copies the parts.
         *
         * @param scriptName not null
         * @param source not null
         * @param variables not null
         */
        public PreparedChild {
            requireNonNull(scriptName, "scriptName is null");
            requireNonNull(source, "source is null");
            variables = requireNonNull(variables, "variables is null")
                    .map(map -> Collections.unmodifiableMap(new LinkedHashMap<>(map)));
        }
    }
}
