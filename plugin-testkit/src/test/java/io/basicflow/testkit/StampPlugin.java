package io.basicflow.testkit;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plugin written for the kit's own tests: {@code s = STAMP(text)} returns {@code <prefix>:<text>}
 * with the prefix from {@code basicflow.stamp.prefix}; {@code r = WOBBLY(n)} fails retryably on its
 * first {@code n} calls; {@code REFUSE reason} fails permanently.
 */
public final class StampPlugin implements KeywordPlugin {

    final AtomicInteger wobblyCalls = new AtomicInteger();

    @Override
    public String name() {
        return "stamp";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(
                KeywordDefinition.builder("STAMP")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("text", "what to stamp"))
                        .effect(EffectKind.IDEMPOTENT_EFFECT)
                        .retry(RetryPolicy.NONE)
                        .build(),
                KeywordDefinition.builder("WOBBLY")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("failures", "how many calls fail"))
                        .retry(new RetryPolicy(4, Duration.ofMillis(50), 2.0, Duration.ofMillis(200)))
                        .build(),
                KeywordDefinition.builder("REFUSE")
                        .parameter(ParameterDefinition.required("reason", "why"))
                        .retry(RetryPolicy.NONE)
                        .build());
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return switch (keyword) {
            case "STAMP" ->
                Optional.of(invocation ->
                        Value.text(invocation.context().configuration().get("prefix", "stamped") + ":"
                                + invocation.argument("text").display()));
            case "WOBBLY" ->
                Optional.of(invocation -> {
                    int call = wobblyCalls.incrementAndGet();
                    if (call <= Integer.parseInt(invocation.argument("failures").display())) {
                        throw KeywordException.retryable("wobbly call " + call, null);
                    }
                    return Value.number(call);
                });
            case "REFUSE" ->
                Optional.of(invocation -> {
                    throw KeywordException.permanent(
                            invocation.argument("reason").display());
                });
            default -> Optional.empty();
        };
    }
}
