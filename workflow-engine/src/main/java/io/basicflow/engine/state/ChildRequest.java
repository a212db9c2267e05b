package io.basicflow.engine.state;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.Value;
import java.util.List;

/**
 * A child execution that a parent waits for: {@code CALL "other.bas"} or {@code r = USE TOOL "x",
 * args…}. Whoever runs the parent runs the child (resolving the script relative to the parent's) and
 * delivers its result through the journal; the step that asked for it says where the result goes.
 *
 * @param kind a script call or a tool run
 * @param script the script or tool name as the parent gave it
 * @param parentScript the parent's script name, for resolving relative names
 * @param arguments the arguments, bound by the child's {@code PARAM}s in order (none for a script
 *     call)
 */
public record ChildRequest(Kind kind, String script, String parentScript, List<Value> arguments) {

    /**
     * Validates and copies the parts.
     *
     * @param kind not null
     * @param script not null
     * @param parentScript not null
     * @param arguments not null
     */
    public ChildRequest {
        requireNonNull(kind, "kind is null");
        requireNonNull(script, "script is null");
        requireNonNull(parentScript, "parentScript is null");
        arguments = List.copyOf(arguments);
    }

    /** What kind of child it is. */
    public enum Kind {
        /** {@code CALL "other.bas"}: another script of the same folder, its result ignored. */
        SCRIPT,
        /** {@code r = USE TOOL "name", args…}: a tool script whose {@code RETURN} value is the result. */
        TOOL,
        /**
         * {@code STEP n: BOT "name" "task"} (or a {@code BRANCH} of a {@code PARALLEL} step): the entry
         * script of bot {@code name} ({@code name.gbai/name.gbdialog/start.bas}, or {@code
         * name/start.bas}); the arguments are the task text and a map of the orchestration's variables
         * ({@link io.basicflow.engine.orchestration.BotCalls}).
         */
        BOT
    }
}
