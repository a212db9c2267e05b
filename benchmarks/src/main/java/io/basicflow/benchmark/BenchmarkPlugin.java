package io.basicflow.benchmark;

import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.NullValue;
import java.util.List;
import java.util.Optional;

/** {@code NOOP}: an idempotent effect keyword that does nothing, so a benchmark measures the engine. */
public final class BenchmarkPlugin implements KeywordPlugin {

    /** Creates the plugin. */
    public BenchmarkPlugin() {}

    @Override
    public String name() {
        return "benchmark";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(KeywordDefinition.builder("NOOP").retry(RetryPolicy.NONE).build());
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return keyword.equals("NOOP") ? Optional.of(invocation -> NullValue.NULL) : Optional.empty();
    }
}
