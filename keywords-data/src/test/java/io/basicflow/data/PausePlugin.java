package io.basicflow.data;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.value.BooleanValue;
import java.util.List;
import java.util.Optional;

/**
 * A crash point between deferred writes: {@code TEST PAUSE tag} is a pure keyword (no commit before or
 * after it); with {@code -Dbasicflow.test.pause-ms} it prints {@code PAUSED <tag>} and sleeps, so that a
 * kill right after the line lands while the activation holds steps recorded but not yet written.
 */
public final class PausePlugin implements KeywordPlugin {

    @Override
    public String name() {
        return "test-pause";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(KeywordDefinition.builder("TEST PAUSE")
                .form(KeywordForm.STATEMENT)
                .effect(EffectKind.PURE)
                .parameter(ParameterDefinition.required("tag", "what the line names"))
                .build());
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return Optional.of(invocation -> {
            long pause = Long.getLong("basicflow.test.pause-ms", 0);
            if (pause > 0) {
                System.out.println("PAUSED " + invocation.argument("tag").display());
                System.out.flush();
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return BooleanValue.TRUE;
        });
    }
}
