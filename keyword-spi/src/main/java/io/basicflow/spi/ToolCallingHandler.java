package io.basicflow.spi;

import io.basicflow.spi.value.Value;
import java.util.List;

/**
 * A handler of an effect keyword that can have the engine run tools in the middle of its step — the
 * way an {@code LLM} call answers with tool calls. The engine asks {@link #turn} with the rounds so
 * far; when the turn is {@link ToolTurn.CallTools}, the engine records it, runs each call as a
 * durable child execution of the tool script, records each result, and asks again with one more
 * {@link ToolRound}. When the turn is an {@link ToolTurn.Answer}, its value is the keyword's value.
 *
 * <p>Durability: each turn is one attempt of an idempotent effect, recorded when it returns; each
 * tool call is one child execution, recorded when it ends. A resumed step never repeats a recorded
 * turn or a finished tool call; only the turn or call in flight at a crash is made again.
 *
 * <p>The engine uses {@link #turn} only for a step whose execution has active tools ({@code USE
 * TOOL}, {@code ADD TOOL}); otherwise, and in engines that predate tool calling, it calls {@link
 * #invoke}, which asks for a turn with no rounds and needs an answer.
 */
public interface ToolCallingHandler extends KeywordHandler {

    /**
     * One turn of the exchange.
     *
     * @param invocation the step's arguments, key and context (the key differs from turn to turn)
     * @param rounds the finished rounds, oldest first; empty on the first turn
     * @return the answer, or tools to run first
     * @throws KeywordException as {@link KeywordHandler#invoke}: a retryable failure repeats this turn
     *     after a backoff, a permanent one fails the step
     */
    ToolTurn turn(Invocation invocation, List<ToolRound> rounds) throws KeywordException;

    @Override
    default Value invoke(Invocation invocation) throws KeywordException {
        return switch (turn(invocation, List.of())) {
            case ToolTurn.Answer answer -> answer.value();
            case ToolTurn.CallTools calls ->
                throw KeywordException.permanent(invocation.keyword() + " asked to run the tool "
                        + calls.calls().getFirst().tool() + ", but no tools are active in this execution");
        };
    }
}
