package io.basicflow.spi.program;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * The quotas a script sets for each of its executions with {@code #quota} lines, in place of the
 * global settings ({@code basicflow.limits.max-steps} and the others). An absent value keeps the
 * global setting.
 *
 * @param steps the most steps one execution may complete in its whole life
 * @param events the most events one execution may record (durable runs)
 * @param historyBytes the most bytes of history one execution may take (durable runs)
 * @param messages the most messages one execution may send
 * @param line the line of the first {@code #quota} pragma, 0 when there is none
 */
public record ScriptQuotas(
        OptionalLong steps, OptionalLong events, OptionalLong historyBytes, OptionalLong messages, int line) {

    /** No {@code #quota} line: every quota is the global setting. */
    public static final ScriptQuotas NONE =
            new ScriptQuotas(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), 0);

    /**
     * Validates the quotas.
     *
     * @param steps empty or at least 1
     * @param events empty or at least 1
     * @param historyBytes empty or at least 1
     * @param messages empty or at least 1
     * @param line at least 0
     */
    public ScriptQuotas {
        requireNonNull(steps, "steps is null");
        requireNonNull(events, "events is null");
        requireNonNull(historyBytes, "historyBytes is null");
        requireNonNull(messages, "messages is null");
        for (OptionalLong quota : new OptionalLong[] {steps, events, historyBytes, messages}) {
            if (quota.isPresent() && quota.getAsLong() < 1) {
                throw new IllegalArgumentException("a quota must be at least 1, was " + quota.getAsLong());
            }
        }
        if (line < 0) {
            throw new IllegalArgumentException("line must be at least 0, was " + line);
        }
    }

    /**
     * Whether the script sets no quota of its own.
     *
     * @return true when every quota is the global setting
     */
    public boolean none() {
        return steps.isEmpty() && events.isEmpty() && historyBytes.isEmpty() && messages.isEmpty();
    }
}
