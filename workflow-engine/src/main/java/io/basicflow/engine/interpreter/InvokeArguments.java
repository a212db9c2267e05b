package io.basicflow.engine.interpreter;

import io.basicflow.spi.program.Step;
import java.util.LinkedHashSet;
import java.util.Set;

/** The parameter names a compiled keyword call binds, which pick a declaration of an overloaded name. */
final class InvokeArguments {

    private InvokeArguments() {}

    static Set<String> names(Step.Invoke invoke) {
        Set<String> names = new LinkedHashSet<>();
        for (Step.Argument argument : invoke.arguments()) {
            names.add(argument.parameter());
        }
        return names;
    }
}
