package io.basicflow.persistence.testing;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.NullValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keywords for durable tests, with handlers that count their calls per idempotency key:
 *
 * <ul>
 *   <li>{@code r = PING(value)}: idempotent; returns its value; never retried.
 *   <li>{@code NOOP}: idempotent statement that does nothing (benchmarks).
 *   <li>{@code CHARGE amount}: at-most-once statement.
 *   <li>{@code r = FLAKY(failures)}: idempotent; fails retryably on the first {@code failures} calls of
 *       a step (by idempotency key), then returns the attempt number; 4 attempts, backoff 100 ms
 *       doubling.
 *   <li>{@code BREAK reason}: fails permanently.
 *   <li>{@code BLOCK name}: idempotent; waits until the test {@linkplain #release releases} the name
 *       (or 30 s), to hold an activation inside a handler.
 *   <li>{@code HOLD name}: the same, at-most-once.
 *   <li>{@code REQUIRE name}: fails permanently until the test {@linkplain #ready makes the name
 *       ready}.
 *   <li>{@code USE TOOL}, {@code ADD TOOL}, {@code CLEAR TOOLS}: declared as the tools plugin does,
 *       so that scripts with tools compile (the engine runs them itself).
 * </ul>
 */
public final class CountingPlugin implements KeywordPlugin {

    /** Every call, in order. */
    public final List<Invocation> calls = new CopyOnWriteArrayList<>();

    private final Map<String, AtomicInteger> callsByKey = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> blocks = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();
    private final java.util.Set<String> ready = ConcurrentHashMap.newKeySet();

    /** Creates the plugin. */
    public CountingPlugin() {}

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(
                KeywordDefinition.builder("PING")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("value", "what to return"))
                        .retry(RetryPolicy.NONE)
                        .build(),
                KeywordDefinition.builder("NOOP").retry(RetryPolicy.NONE).build(),
                KeywordDefinition.builder("CHARGE")
                        .parameter(ParameterDefinition.required("amount", "the amount"))
                        .effect(EffectKind.AT_MOST_ONCE_EFFECT)
                        .retry(RetryPolicy.NONE)
                        .build(),
                KeywordDefinition.builder("FLAKY")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("failures", "how many calls fail"))
                        .retry(new RetryPolicy(4, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)))
                        .build(),
                KeywordDefinition.builder("BREAK")
                        .parameter(ParameterDefinition.required("reason", "the error"))
                        .retry(RetryPolicy.NONE)
                        .build(),
                KeywordDefinition.builder("BLOCK")
                        .parameter(ParameterDefinition.required("name", "the latch"))
                        .retry(RetryPolicy.NONE)
                        .build(),
                KeywordDefinition.builder("HOLD")
                        .parameter(ParameterDefinition.required("name", "the latch"))
                        .effect(EffectKind.AT_MOST_ONCE_EFFECT)
                        .retry(RetryPolicy.NONE)
                        .build(),
                KeywordDefinition.builder("REQUIRE")
                        .parameter(ParameterDefinition.required("name", "what must be ready"))
                        .retry(RetryPolicy.NONE)
                        .build(),
                // The tools plugin's keywords, so that scripts with tools compile; the engine runs them.
                KeywordDefinition.builder("USE TOOL")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("tool", "the tool"))
                        .parameter(ParameterDefinition.repeated("arguments", "the arguments"))
                        .build(),
                KeywordDefinition.builder("ADD TOOL")
                        .parameter(ParameterDefinition.required("tool", "the tool"))
                        .build(),
                KeywordDefinition.builder("CLEAR TOOLS").build());
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        KeywordHandler handler = switch (keyword) {
            case "PING" ->
                invocation -> {
                    count(invocation);
                    return invocation.argument("value");
                };
            case "NOOP", "CHARGE" ->
                invocation -> {
                    count(invocation);
                    return NullValue.NULL;
                };
            case "FLAKY" ->
                invocation -> {
                    int call = count(invocation);
                    long failures = invocation.argument("failures") instanceof IntegerValue n ? n.value() : 0;
                    if (call <= failures) {
                        throw KeywordException.retryable("service unavailable (call " + call + ")", null);
                    }
                    return IntegerValue.of(invocation.attempt());
                };
            case "BREAK" ->
                invocation -> {
                    count(invocation);
                    throw KeywordException.permanent(
                            invocation.argument("reason").display());
                };
            case "REQUIRE" ->
                invocation -> {
                    count(invocation);
                    String name = invocation.argument("name").display();
                    if (!ready.contains(name)) {
                        throw KeywordException.permanent(name + " is not ready");
                    }
                    return NullValue.NULL;
                };
            case "BLOCK", "HOLD" ->
                invocation -> {
                    count(invocation);
                    String name = invocation.argument("name").display();
                    entered.computeIfAbsent(name, ignored -> new CountDownLatch(1))
                            .countDown();
                    try {
                        latch(name).await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw KeywordException.retryable("interrupted", e);
                    }
                    return NullValue.NULL;
                };
            case "USE TOOL", "ADD TOOL", "CLEAR TOOLS" ->
                invocation -> {
                    throw new IllegalStateException("the engine runs " + keyword + " itself");
                };
            default -> null;
        };
        return Optional.ofNullable(handler);
    }

    private int count(Invocation invocation) {
        calls.add(invocation);
        return callsByKey
                .computeIfAbsent(invocation.idempotencyKey(), key -> new AtomicInteger())
                .incrementAndGet();
    }

    private CountDownLatch latch(String name) {
        return blocks.computeIfAbsent(name, ignored -> new CountDownLatch(1));
    }

    /**
     * How many times a step's handler ran.
     *
     * @param idempotencyKey the step's key ({@code executionId/seq})
     * @return the number of calls
     */
    public int callsOf(String idempotencyKey) {
        AtomicInteger count = callsByKey.get(idempotencyKey);
        return count == null ? 0 : count.get();
    }

    /**
     * The calls of one keyword.
     *
     * @param keyword the keyword
     * @return its calls, in order
     */
    public List<Invocation> callsOfKeyword(String keyword) {
        return calls.stream().filter(call -> call.keyword().equals(keyword)).toList();
    }

    /**
     * Lets every {@code BLOCK name} go on, now and later.
     *
     * @param name the latch
     */
    public void release(String name) {
        latch(name).countDown();
    }

    /**
     * Makes {@code REQUIRE name} succeed from now on.
     *
     * @param name the name
     */
    public void ready(String name) {
        ready.add(name);
    }

    /**
     * Waits until a {@code BLOCK name} handler runs.
     *
     * @param name the latch
     * @throws AssertionError when none runs within 30 s
     */
    public void awaitBlocked(String name) {
        try {
            if (!entered.computeIfAbsent(name, ignored -> new CountDownLatch(1)).await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("no BLOCK " + name + " ran within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
