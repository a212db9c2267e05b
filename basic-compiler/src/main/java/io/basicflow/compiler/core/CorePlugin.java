package io.basicflow.compiler.core;

import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.KeywordPlugin;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in pure functions and {@code HEAR} input types, declared as a plugin named {@code core}
 * like any other, so the compiler's catalogue and the evaluator learn them the same way.
 *
 * <p>Conventions: text positions are 1-based and count characters; list positions are zero-based
 * ({@code list[0]}, {@code MID(list, 0, 10)}); dates are ISO text in the clock's zone ({@code
 * 2026-11-25}, {@code 2026-11-25T18:09:00}); {@code NULL} arguments count as {@code ""} for text,
 * {@code 0} for numbers and the empty list for lists. Functions that read the clock or the random
 * generator ({@code NOW TODAY RANDOM RND UUID GUID DATEVALUE}) use the environment they are given.
 * See each {@link FunctionDefinition#description()} for the exact behaviour.
 */
public final class CorePlugin implements KeywordPlugin {

    private static final List<FunctionDefinition> FUNCTIONS = functionList();
    private static final List<InputTypeDefinition> INPUT_TYPES = InputTypes.definitions();

    /** Creates the plugin; ServiceLoader needs the public no-argument constructor. */
    public CorePlugin() {}

    @Override
    public String name() {
        return "core";
    }

    /**
     * The built-in functions.
     *
     * @return the function declarations with their implementations
     */
    @Override
    public List<FunctionDefinition> functions() {
        return FUNCTIONS;
    }

    /**
     * The built-in {@code HEAR} types.
     *
     * @return the input type declarations with their validators
     */
    @Override
    public List<InputTypeDefinition> inputTypes() {
        return INPUT_TYPES;
    }

    private static List<FunctionDefinition> functionList() {
        List<FunctionDefinition> all = new ArrayList<>();
        all.addAll(TextFunctions.definitions());
        all.addAll(NumberFunctions.definitions());
        all.addAll(DateFunctions.definitions());
        all.addAll(ConversionFunctions.definitions());
        all.add(FormatFunction.definition());
        all.addAll(ValueFunctions.definitions());
        all.addAll(CollectionFunctions.definitions());
        all.addAll(TriggerFunctions.definitions());
        return List.copyOf(all);
    }
}
