package io.basicflow.engine.interpreter;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.Value;
import java.util.List;

/**
 * What a run-time {@code SET SCHEDULE when, "script.bas" [, argument…]} asks of the journal ({@link
 * Journal#scheduleScript}).
 *
 * @param when the evaluated {@code when}: a date-time or a schedule
 * @param whenText the {@code when} as written, for messages
 * @param script the script's name as the step gave it
 * @param parentScript the running script's name, which relative names are resolved against
 * @param arguments the values of the started script's {@code PARAM}s, in order; for a bot, its task and the
 *     variables it starts with ({@link io.basicflow.engine.orchestration.BotCalls#request})
 * @param bot whether {@code script} is a bot's name whose entry script starts ({@code ADD BOT "name" WITH
 *     SCHEDULE "cron"}) rather than a script beside the running one
 */
public record ScriptScheduling(
        Value when, String whenText, String script, String parentScript, List<Value> arguments, boolean bot) {

    /**
     * A start of a script beside the running one ({@code SET SCHEDULE when, "script.bas"}).
     *
     * @param when not null
     * @param whenText not null
     * @param script not null
     * @param parentScript not null
     * @param arguments not null
     */
    public ScriptScheduling(Value when, String whenText, String script, String parentScript, List<Value> arguments) {
        this(when, whenText, script, parentScript, arguments, false);
    }

    /**
     * How the step that asked is written, for messages.
     *
     * @return {@code SET SCHEDULE when, "script"} or {@code ADD BOT "name" WITH SCHEDULE when}
     */
    public String statement() {
        return bot
                ? "ADD BOT \"" + script + "\" WITH SCHEDULE " + whenText
                : "SET SCHEDULE " + whenText + ", \"" + script + "\"";
    }

    /**
     * Validates and copies the parts.
     *
     * @param when not null
     * @param whenText not null
     * @param script not null
     * @param parentScript not null
     * @param arguments not null
     */
    public ScriptScheduling {
        requireNonNull(when, "when is null");
        requireNonNull(whenText, "whenText is null");
        requireNonNull(script, "script is null");
        requireNonNull(parentScript, "parentScript is null");
        arguments = List.copyOf(arguments);
    }
}
