package io.basicflow.spi.program;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled script: its top-level steps and its procedures. Never mutated after compilation;
 * analyses live beside it.
 *
 * @param name the script's name, usually its file name
 * @param body the top-level steps in order
 * @param procedures the {@code SUB}s and {@code FUNCTION}s by lower-case name, in source order
 * @param quotas the quotas the script's {@code #quota} lines set, {@link ScriptQuotas#NONE} without
 */
public record Program(String name, List<Step> body, Map<String, Procedure> procedures, ScriptQuotas quotas) {

    /**
     * Validates and copies the parts.
     *
     * @param name not null
     * @param body not null
     * @param procedures not null
     * @param quotas not null
     */
    public Program {
        requireNonNull(name, "name is null");
        requireNonNull(quotas, "quotas is null");
        body = List.copyOf(body);
        procedures = Collections.unmodifiableMap(new LinkedHashMap<>(procedures));
    }

    /**
     * A program without quotas of its own.
     *
     * @param name not null
     * @param body not null
     * @param procedures not null
     */
    public Program(String name, List<Step> body, Map<String, Procedure> procedures) {
        this(name, body, procedures, ScriptQuotas.NONE);
    }

    /**
     * This program with the quotas its {@code #quota} lines set.
     *
     * @param quotas not null
     * @return the new program
     */
    public Program withQuotas(ScriptQuotas quotas) {
        return new Program(name, body, procedures, quotas);
    }

    /**
     * A procedure by name.
     *
     * @param name the name, any case
     * @return the procedure, if the script defines it
     */
    public Optional<Procedure> procedure(String name) {
        return Optional.ofNullable(procedures.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
