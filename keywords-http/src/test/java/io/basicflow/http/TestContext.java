package io.basicflow.http;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A hand-written context, and one execution's plugin state across calls, as the engine keeps it. */
final class TestContext implements InvocationContext {

    private final PluginConfiguration configuration;
    /** The execution values this plugin keeps across calls, as the engine keeps them. */
    final Map<String, Value> kept = new LinkedHashMap<>();

    private int seq;

    TestContext(Map<String, String> settings) {
        this.configuration = new PluginConfiguration("http", settings);
    }

    /** Allows the test servers on 127.0.0.1, as the tests' configuration does. */
    static TestContext allowingLoopback() {
        return new TestContext(Map.of("allow", "127.0.0.1", "timeout-ms", "2000"));
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("basicflow.plugin.http");
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public PluginConfiguration configuration() {
        return configuration;
    }

    @Override
    public Optional<Value> executionValue(String key) {
        return Optional.ofNullable(kept.get(key));
    }

    @Override
    public void setExecutionValue(String key, Value value) {
        if (value instanceof io.basicflow.spi.value.NullValue) {
            kept.remove(key);
        } else {
            kept.put(key, value);
        }
    }

    /** Runs a keyword of the plugin as the engine would, with a fresh idempotency key. */
    Value call(HttpPlugin plugin, String keyword, Object... arguments) throws Exception {
        Map<String, Value> values = new LinkedHashMap<>();
        var parameters = plugin.keywords().stream()
                .filter(definition -> definition.name().equals(keyword))
                .findFirst()
                .orElseThrow()
                .parameters();
        for (int i = 0; i < parameters.size(); i++) {
            values.put(parameters.get(i).name(), i < arguments.length ? Value.of(arguments[i]) : Value.nullValue());
        }
        seq++;
        return plugin.handler(keyword)
                .orElseThrow()
                .invoke(new Invocation(keyword, values, "exec-1/" + seq, "exec-1", 1, this));
    }
}
