package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The declaration of one keyword: its name, how it is written, its parameters, what kind of effect
 * it has and how failures are retried.
 *
 * @param name one or more upper case words separated by single spaces ({@code CREATE}, {@code SET
 *     BOT MEMORY})
 * @param form statement only, or also usable as a function
 * @param parameters the parameters in the order they are written
 * @param effect pure, idempotent effect or at-most-once effect
 * @param retry the retry policy for failing handlers
 * @param description what the keyword does, for documentation and error messages
 */
public record KeywordDefinition(
        String name,
        KeywordForm form,
        List<ParameterDefinition> parameters,
        EffectKind effect,
        RetryPolicy retry,
        String description) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*( [A-Z][A-Z0-9_]*)*");

    /**
     * Validates the declaration: a well-formed name, unique parameter names, required positional
     * parameters before optional ones, a repeated parameter only last.
     *
     * @param name upper case words
     * @param form not null
     * @param parameters not null
     * @param effect not null
     * @param retry not null
     * @param description not null
     */
    public KeywordDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(form, "form is null");
        requireNonNull(effect, "effect is null");
        requireNonNull(retry, "retry is null");
        requireNonNull(description, "description is null");
        parameters = List.copyOf(parameters);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "keyword name '" + name + "' must be upper case words separated by single spaces");
        }
        Set<String> names = new HashSet<>();
        boolean optionalSeen = false;
        for (int i = 0; i < parameters.size(); i++) {
            ParameterDefinition parameter = parameters.get(i);
            if (!names.add(parameter.name())) {
                throw new IllegalArgumentException(
                        "keyword " + name + " declares parameter '" + parameter.name() + "' twice");
            }
            if (parameter.repeated() && i != parameters.size() - 1) {
                throw new IllegalArgumentException(
                        "keyword " + name + ": repeated parameter '" + parameter.name() + "' must be the last");
            }
            if (parameter.introducer().isEmpty()) {
                if (parameter.optional()) {
                    optionalSeen = true;
                } else if (optionalSeen) {
                    throw new IllegalArgumentException("keyword " + name + ": required parameter '" + parameter.name()
                            + "' follows an optional one");
                }
            }
        }
    }

    /**
     * The number of arguments a call must give at least.
     *
     * @return the count of required parameters
     */
    public int minimumArguments() {
        return (int) parameters.stream().filter(p -> !p.optional()).count();
    }

    /**
     * The number of arguments a call may give at most.
     *
     * @return the parameter count, or {@link Integer#MAX_VALUE} when the last one is repeated
     */
    public int maximumArguments() {
        if (!parameters.isEmpty() && parameters.getLast().repeated()) {
            return Integer.MAX_VALUE;
        }
        return parameters.size();
    }

    /**
     * Whether a call that writes this many comma-separated (positional) arguments fits this keyword;
     * arguments after an introducing word ({@code WHERE …}, {@code TO …}) are not counted.
     *
     * @param count the positional arguments written
     * @return whether the count is between the required and the declared positional parameters
     */
    public boolean acceptsPositionalArguments(int count) {
        int required = 0;
        int declared = 0;
        boolean repeated = false;
        for (ParameterDefinition parameter : parameters) {
            if (parameter.introducer().isPresent()) {
                continue;
            }
            declared++;
            if (!parameter.optional()) {
                required++;
            }
            repeated |= parameter.repeated();
        }
        return count >= required && (repeated || count <= declared);
    }

    /**
     * Whether another declaration of the same name can be told apart from this one by the number of
     * positional arguments a call writes: no count fits both ({@code DELETE table, filter} of the data
     * plugin beside {@code DELETE path} of the HTTP plugin); the compiler picks the declaration by the
     * arguments written. Declarations may also be told apart by a required clause: see {@link
     * #callsOverlap}.
     *
     * @param other another declaration
     * @return whether some positional argument count fits both
     */
    public boolean positionalCountsOverlap(KeywordDefinition other) {
        int limit = Math.max(parameters.size(), other.parameters.size()) + 1;
        for (int count = 0; count <= limit; count++) {
            if (acceptsPositionalArguments(count) && other.acceptsPositionalArguments(count)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether some call could fit both this declaration and another of the same name. Two declarations
     * are told apart by the number of positional arguments a call writes ({@link
     * #positionalCountsOverlap}), or by a clause: one requires a clause whose word the other does not
     * declare at all, so a call that writes the word fits the first only and a call that does not
     * fits the second only ({@code FILL template, data}, a pure function, beside {@code FILL template,
     * data TO path}, which writes a file). One plugin or two may declare one name only when no call
     * fits both; the compiler then picks the declaration by what the call writes.
     *
     * @param other another declaration
     * @return whether a call could fit both
     */
    public boolean callsOverlap(KeywordDefinition other) {
        return positionalCountsOverlap(other) && !requiresClauseLackedBy(other) && !other.requiresClauseLackedBy(this);
    }

    /**
     * The words of this declaration's required clauses ({@code TO} of {@code FILL template, data TO
     * path}).
     *
     * @return the introducers of its required introduced parameters, in order
     */
    public List<String> requiredClauseWords() {
        return parameters.stream()
                .filter(parameter ->
                        !parameter.optional() && parameter.introducer().isPresent())
                .map(parameter -> parameter.introducer().get())
                .toList();
    }

    /** Whether this declaration requires a clause whose word the other does not declare. */
    private boolean requiresClauseLackedBy(KeywordDefinition other) {
        for (String word : requiredClauseWords()) {
            if (other.parameters.stream()
                    .noneMatch(parameter ->
                            parameter.introducer().filter(word::equals).isPresent())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts a declaration with sensible defaults: statement form, no parameters, idempotent effect,
     * {@link RetryPolicy#DEFAULT}.
     *
     * @param name the keyword name, any case
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link KeywordDefinition} step by step. */
    public static final class Builder {
        private final String name;
        private KeywordForm form = KeywordForm.STATEMENT;
        private final java.util.ArrayList<ParameterDefinition> parameters = new java.util.ArrayList<>();
        private EffectKind effect = EffectKind.IDEMPOTENT_EFFECT;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private String description = "";

        private Builder(String name) {
            this.name = requireNonNull(name, "name is null")
                    .trim()
                    .replaceAll("\\s+", " ")
                    .toUpperCase(java.util.Locale.ROOT);
        }

        /**
         * Sets the form.
         *
         * @param form statement or function
         * @return this builder
         */
        public Builder form(KeywordForm form) {
            this.form = form;
            return this;
        }

        /**
         * Adds a parameter.
         *
         * @param parameter the parameter
         * @return this builder
         */
        public Builder parameter(ParameterDefinition parameter) {
            parameters.add(parameter);
            return this;
        }

        /**
         * Sets the effect kind.
         *
         * @param effect pure, idempotent or at most once
         * @return this builder
         */
        public Builder effect(EffectKind effect) {
            this.effect = effect;
            return this;
        }

        /**
         * Sets the retry policy.
         *
         * @param retry the policy
         * @return this builder
         */
        public Builder retry(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        /**
         * Sets the description.
         *
         * @param description what the keyword does
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Validates and builds the declaration.
         *
         * @return the declaration
         * @throws IllegalArgumentException when the declaration is invalid
         */
        public KeywordDefinition build() {
            return new KeywordDefinition(name, form, parameters, effect, retry, description);
        }
    }
}
