package io.basicflow.tools;

import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds compiled tool programs by hand, as the compiler would produce them. */
final class TestPrograms {

    private TestPrograms() {}

    static Program program(String name, Step... steps) {
        return new Program(name, List.of(steps), Map.of());
    }

    static Step.Description description(int line, String text) {
        return new Step.Description(SourceSpan.of(line, 1, 11 + text.length()), text);
    }

    static Step.Param param(int line, String name, String type) {
        return param(line, name, type, null, null, false);
    }

    static Step.Param param(int line, String name, String type, String example, String description, boolean optional) {
        return new Step.Param(
                SourceSpan.of(line, 1, 20),
                name,
                type,
                Optional.ofNullable(example),
                Optional.ofNullable(description),
                optional,
                List.of());
    }

    static Step.Param choices(int line, String name, boolean optional, String... choices) {
        return new Step.Param(
                SourceSpan.of(line, 1, 20),
                name,
                "ENUM",
                Optional.empty(),
                Optional.empty(),
                optional,
                Arrays.asList(choices));
    }
}
