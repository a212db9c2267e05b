package io.basicflow.compiler.testing;

import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.InputValidator;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.PureFunction;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A hand-written plugin for tests: declares what it is given, with a no-op handler for every keyword. */
public final class TestPlugin implements KeywordPlugin {

    private static final KeywordHandler NO_OP = invocation -> NullValue.NULL;
    private static final PureFunction UNUSED = (arguments, environment) -> NullValue.NULL;
    private static final InputValidator ACCEPT = (input, clock) -> new InputValidator.Accepted(new TextValue(input));

    private final String name;
    private final List<Supplier<KeywordDefinition>> keywords = new ArrayList<>();
    private final List<Supplier<FunctionDefinition>> functions = new ArrayList<>();
    private final List<Supplier<InputTypeDefinition>> inputTypes = new ArrayList<>();
    private final java.util.Map<String, io.basicflow.spi.KeywordSyntax> syntax = new java.util.HashMap<>();
    private boolean handlers = true;

    /**
     * A plugin with a name and nothing declared yet.
     *
     * @param name the plugin name
     */
    public TestPlugin(String name) {
        this.name = name;
    }

    public TestPlugin keyword(KeywordDefinition definition) {
        keywords.add(() -> definition);
        return this;
    }

    /** Declares a keyword lazily, so that an invalid declaration throws inside {@link #keywords()}. */
    public TestPlugin keyword(Supplier<KeywordDefinition> definition) {
        keywords.add(definition);
        return this;
    }

    public TestPlugin function(String functionName, int minimum, int maximum) {
        functions.add(() -> new FunctionDefinition(functionName, minimum, maximum, UNUSED, functionName));
        return this;
    }

    public TestPlugin inputType(String typeName, String... aliases) {
        inputTypes.add(() -> new InputTypeDefinition(typeName, List.of(aliases), ACCEPT, typeName));
        return this;
    }

    /** Declares how the compiler reads a keyword ({@link KeywordPlugin#syntax(String)}). */
    public TestPlugin syntax(String keyword, io.basicflow.spi.KeywordSyntax declared) {
        syntax.put(keyword, declared);
        return this;
    }

    @Override
    public io.basicflow.spi.KeywordSyntax syntax(String keyword) {
        return syntax.getOrDefault(keyword, io.basicflow.spi.KeywordSyntax.PLAIN);
    }

    /** Makes {@link #handler(String)} return nothing, like a plugin that forgot its handlers. */
    public TestPlugin withoutHandlers() {
        handlers = false;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return keywords.stream().map(Supplier::get).toList();
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return handlers ? Optional.of(NO_OP) : Optional.empty();
    }

    @Override
    public List<FunctionDefinition> functions() {
        return functions.stream().map(Supplier::get).toList();
    }

    @Override
    public List<InputTypeDefinition> inputTypes() {
        return inputTypes.stream().map(Supplier::get).toList();
    }
}
