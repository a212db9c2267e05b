package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call of a keyword in a deployed script, with the arguments that are known without running it.
 *
 * @param script the script's name, e.g. {@code shop/start.bas}
 * @param span where the call stands in the script
 * @param keyword the keyword's declared name
 * @param constants the arguments written as constants (a literal, or a list of literals), by parameter
 *     name; arguments that need a running script (variables, expressions) are left out
 */
public record DeployedCall(String script, SourceSpan span, String keyword, Map<String, Value> constants) {

    /**
     * Validates and copies the parts.
     *
     * @param script not null
     * @param span not null
     * @param keyword not null
     * @param constants not null
     */
    public DeployedCall {
        requireNonNull(script, "script is null");
        requireNonNull(span, "span is null");
        requireNonNull(keyword, "keyword is null");
        constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
    }

    /**
     * The place of the call for messages.
     *
     * @return {@code script:line:column}
     */
    public String where() {
        return script + ":" + span.line() + ":" + span.column();
    }
}
