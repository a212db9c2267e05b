package io.basicflow.http;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;

/**
 * What the HTTP keywords keep for one execution (the headers of {@code SET HEADER}, the last
 * response), through the context's execution values: recorded with the step that sets them, so a
 * resumed run on any node sees them as the live run did.
 */
final class HttpState {

    private final InvocationContext context;

    private HttpState(InvocationContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    static HttpState of(Invocation invocation) {
        return new HttpState(invocation.context());
    }

    Value get(String key) {
        return context.executionValue(key).orElse(NullValue.NULL);
    }

    void put(String key, Value value) {
        context.setExecutionValue(key, value == null ? NullValue.NULL : value);
    }
}
