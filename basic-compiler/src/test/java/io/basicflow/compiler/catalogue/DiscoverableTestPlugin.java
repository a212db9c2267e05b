package io.basicflow.compiler.catalogue;

import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.value.TextValue;
import java.util.List;
import java.util.Optional;

/**
 * A plugin registered in the test resources' {@code META-INF/services}, to test discovery with
 * {@link java.util.ServiceLoader}. Its keyword, {@code PROBE DISCOVERY}, appears in no script.
 */
public final class DiscoverableTestPlugin implements KeywordPlugin {

    /** Needed by ServiceLoader. */
    public DiscoverableTestPlugin() {}

    @Override
    public String name() {
        return "discovery-probe";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(KeywordDefinition.builder("PROBE DISCOVERY")
                .parameter(ParameterDefinition.required("target", "what to probe"))
                .description("answers the name of the jar it comes from")
                .build());
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return Optional.of(invocation -> new TextValue(KeywordCatalogue.location(this)));
    }
}
