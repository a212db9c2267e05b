package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One bot's part of a deployment, as a {@link DeploymentHandler} sees it: the calls of the handler's
 * plugin's keywords in the bot's scripts that compile.
 *
 * @param bot the bot's name ({@link BotName}; {@link ExecutionScope#DEFAULT_BOT} for scripts of no bot)
 * @param calls the calls, by script name then position
 */
public record BotDeployment(String bot, List<DeployedCall> calls) {

    /**
     * Validates and copies the parts.
     *
     * @param bot not null
     * @param calls not null
     */
    public BotDeployment {
        requireNonNull(bot, "bot is null");
        calls = List.copyOf(calls);
    }
}
