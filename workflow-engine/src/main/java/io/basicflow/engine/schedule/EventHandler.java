package io.basicflow.engine.schedule;

import static java.util.Objects.requireNonNull;

/**
 * A deployed event handler: one {@code ON "event" … END ON} of one script. Each publication of its event
 * to its bot (or to every conversation) starts one execution of {@link #source} with the event's data
 * in the variable {@code params} (docs/orchestration.md, "Event handlers").
 *
 * @param script the declaring script's name; the handler's executions run under it (its bot's data)
 * @param line the line of its {@code ON}
 * @param event the event's name
 * @param bot the bot of the script ({@code io.basicflow.spi.ExecutionScope#botOf})
 * @param source the handler's text: the script with every line blanked but the handler's and its SUBs
 */
public record EventHandler(String script, int line, String event, String bot, String source) {

    /**
     * Validates the parts.
     *
     * @param script not null
     * @param line the line
     * @param event not null
     * @param bot not null
     * @param source not null
     */
    public EventHandler {
        requireNonNull(script, "script is null");
        requireNonNull(event, "event is null");
        requireNonNull(bot, "bot is null");
        requireNonNull(source, "source is null");
    }
}
