package io.basicflow.app.tools;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.durable.ChildScriptException;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.tools.ToolCall;
import io.basicflow.tools.ToolException;
import io.basicflow.tools.ToolFolder;
import java.util.Optional;

/**
 * Where the durable engine's children come from in the app: {@code r = USE TOOL "name", args…} from
 * the tools folder, {@code CALL "other.bas"} from the scripts port given.
 *
 * <p>A tool run is prepared by {@link ToolFolder#prepareCall(String, java.util.List)}: the name
 * resolves only inside the tools folder, the script is read and compiled, and the arguments are
 * checked against the tool's {@code PARAM}s and coerced (a single map is taken as named arguments).
 * The child starts with the checked arguments as its variables and pins the script's source as it
 * is now. Any problem — no such tool (the message lists nearby names), a name leading outside the
 * folder, a script that does not compile, arguments that do not fit (every problem listed) — fails
 * the parent's {@code USE TOOL} step with that message; no child starts.
 */
public final class ToolFolderChildScripts implements ChildScripts {

    private final ToolFolder tools;
    private final ChildScripts scripts;

    /**
     * The port.
     *
     * @param tools the tools folder, e.g. {@code ToolsPlugin.folder(configuration)}
     * @param scripts where {@code CALL "x.bas"} scripts come from, e.g. {@link ChildScripts#from} a
     *     scripts folder, or {@link ChildScripts#NONE}
     */
    public ToolFolderChildScripts(ToolFolder tools, ChildScripts scripts) {
        this.tools = requireNonNull(tools, "tools is null");
        this.scripts = requireNonNull(scripts, "scripts is null");
    }

    @Override
    public PreparedChild prepare(ChildRequest request) {
        return switch (request.kind()) {
            case SCRIPT, BOT -> scripts.prepare(request);
            case TOOL -> {
                ToolCall call;
                try {
                    call = tools.prepareCall(request.script(), request.arguments());
                } catch (ToolException e) {
                    throw new ChildScriptException(e.getMessage());
                }
                yield new PreparedChild(
                        call.script().fileName(), call.script().source(), Optional.of(call.variables()));
            }
        };
    }
}
