package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.program.Program;
import io.basicflow.spi.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the engine needs to run {@code r = USE TOOL "name", args…} as a child execution: the
 * script (to pin its exact source), its compiled program, and the checked arguments.
 *
 * @param signature the tool's signature
 * @param script the script as read now; a durable child pins this source
 * @param program the compiled script
 * @param variables the variables the child starts with: every parameter by name, in declared order,
 *     {@code NULL} for a left-out optional one
 */
public record ToolCall(ToolSignature signature, ToolScript script, Program program, Map<String, Value> variables) {

    /**
     * Validates and copies the parts.
     *
     * @param signature not null
     * @param script not null
     * @param program not null
     * @param variables not null
     */
    public ToolCall {
        requireNonNull(signature, "signature is null");
        requireNonNull(script, "script is null");
        requireNonNull(program, "program is null");
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
}
