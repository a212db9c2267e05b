package io.basicflow.engine.data;

import io.basicflow.engine.interpreter.TransactionalWork;
import io.basicflow.spi.BatchingTransactionalHandler;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.TransactionalKeywordHandler;
import io.basicflow.spi.value.Value;
import java.util.Optional;

/**
 * A transactional call whose write may be deferred to a later commit of its activation: its handler
 * batches, gives it a batch key and gives its value without the database ({@link
 * BatchingTransactionalHandler#valueWithoutDatabase}).
 */
public final class DeferredCalls {

    private DeferredCalls() {}

    /**
     * A deferrable call.
     *
     * @param write the call as a member of a batch, written by a later commit
     * @param outcome the value its step records now
     */
    public record Deferrable(TransactionalWork.Batched write, TransactionalCalls.Attempt outcome) {}

    /**
     * The call as a deferrable one, when its handler allows it.
     *
     * @param handler the handler
     * @param invocation the call
     * @param scope the bot and user
     * @return the deferrable call, or empty to write it with its own step
     */
    public static Optional<Deferrable> of(
            TransactionalKeywordHandler handler, Invocation invocation, ExecutionScope scope) {
        if (!(handler instanceof BatchingTransactionalHandler batching)) {
            return Optional.empty();
        }
        Optional<Object> key;
        Optional<Value> value;
        try {
            key = batching.batchKey(invocation, scope);
            value = key.isEmpty() ? Optional.empty() : batching.valueWithoutDatabase(invocation, scope);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (key.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        TransactionalWork.Batched write = new TransactionalWork.Batched(
                batching, key.get(), new BatchingTransactionalHandler.Call(invocation, scope), written -> {});
        return Optional.of(new Deferrable(write, TransactionalCalls.Attempt.of(value.get())));
    }
}
