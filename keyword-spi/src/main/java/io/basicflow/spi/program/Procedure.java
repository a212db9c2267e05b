package io.basicflow.spi.program;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A {@code SUB} or {@code FUNCTION} of a script. Its parameters are local to each call; other
 * variables are the script's.
 *
 * @param span position of the {@code SUB}/{@code FUNCTION} line
 * @param name the name, lower case
 * @param parameters the parameter names, lower case
 * @param function whether it is a {@code FUNCTION} (returns a value) rather than a {@code SUB}
 * @param body the steps
 */
public record Procedure(SourceSpan span, String name, List<String> parameters, boolean function, List<Step> body) {

    /**
     * Validates and copies the parts.
     *
     * @param span not null
     * @param name not null
     * @param parameters not null
     * @param function the flag
     * @param body not null
     */
    public Procedure {
        requireNonNull(span, "span is null");
        requireNonNull(name, "name is null");
        parameters = List.copyOf(parameters);
        body = List.copyOf(body);
    }
}
