package io.basicflow.app.tools;

import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code r = SHOUT(text)}: an idempotent effect keyword for tool scripts in tests; upper-cases its text. */
public final class ShoutPlugin implements KeywordPlugin {

    @Override
    public String name() {
        return "shout";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(KeywordDefinition.builder("SHOUT")
                .form(KeywordForm.FUNCTION)
                .parameter(ParameterDefinition.required("text", "what to shout"))
                .retry(RetryPolicy.NONE)
                .build());
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return keyword.equals("SHOUT")
                ? Optional.of(invocation ->
                        Value.text(invocation.argument("text").display().toUpperCase(Locale.ROOT) + "!"))
                : Optional.empty();
    }
}
