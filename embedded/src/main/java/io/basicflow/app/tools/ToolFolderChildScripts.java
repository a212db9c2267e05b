package io.basicflow.app.tools;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.durable.ChildScriptException;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.tools.ToolCall;
import io.basicflow.tools.ToolException;
import io.basicflow.tools.ToolFolder;
import java.util.Optional;
import java.util.function.Function;

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
    private final Function<String, Optional<BotTools>> botTools;

    /**
     * The port.
     *
     * @param tools the tools folder, e.g. {@code ToolsPlugin.folder(configuration)}
     * @param scripts where {@code CALL "x.bas"} scripts come from, e.g. {@link ChildScripts#from} a
     *     scripts folder, or {@link ChildScripts#NONE}
     */
    public ToolFolderChildScripts(ToolFolder tools, ChildScripts scripts) {
        this(tools, scripts, parent -> Optional.empty());
    }

    /**
     * The port, with the tools of bots: a tool that a bot script's own folder holds is run from
     * there (General Bots keeps a bot's tools beside its dialogs, in its {@code .gbdialog}); other
     * tools come from the tools folder.
     *
     * @param tools the tools folder
     * @param scripts where {@code CALL "x.bas"} scripts come from
     * @param botTools the tools beside a parent script, given the parent's script name; empty when
     *     the parent is not a bot's script
     */
    public ToolFolderChildScripts(
            ToolFolder tools, ChildScripts scripts, Function<String, Optional<BotTools>> botTools) {
        this.tools = requireNonNull(tools, "tools is null");
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.botTools = requireNonNull(botTools, "botTools is null");
    }

    /**
     * The tools beside a bot's script.
     *
     * @param folder the folder of the parent script on disk, as a tools folder
     * @param namePrefix what the tools' script names start with, e.g. {@code support/}: a tool {@code
     *     refund.bas} of that folder runs as the script {@code support/refund.bas}
     */
    public record BotTools(ToolFolder folder, String namePrefix) {
        /**
         * Validates the parts.
         *
         * @param folder not null
         * @param namePrefix not null
         */
        public BotTools {
            requireNonNull(folder, "folder is null");
            requireNonNull(namePrefix, "namePrefix is null");
        }

        /**
         * Whether the bot's folder holds a tool.
         *
         * @param tool the tool's name
         * @return true when the folder has a script of that name
         */
        public boolean holds(String tool) {
            try {
                folder.resolve(tool);
                return true;
            } catch (ToolException e) {
                return false;
            }
        }
    }

    @Override
    public PreparedChild prepare(ChildRequest request) {
        return switch (request.kind()) {
            case SCRIPT, BOT -> scripts.prepare(request);
            case TOOL -> {
                Optional<BotTools> local = botTools.apply(request.parentScript());
                if (local.isPresent() && local.get().holds(request.script())) {
                    yield prepare(local.get().folder(), local.get().namePrefix(), request);
                }
                yield prepare(tools, "", request);
            }
        };
    }

    private static PreparedChild prepare(ToolFolder folder, String namePrefix, ChildRequest request) {
        ToolCall call;
        try {
            call = folder.prepareCall(request.script(), request.arguments());
        } catch (ToolException e) {
            throw new ChildScriptException(e.getMessage());
        }
        return new PreparedChild(
                namePrefix + call.script().fileName(), call.script().source(), Optional.of(call.variables()));
    }
}
