package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One parameter of a keyword. Arguments are written in order, separated by commas; a parameter with
 * an introducer is written after that word instead ({@code FIND "users" WHERE email = x} has a
 * parameter {@code filter} introduced by {@code WHERE}).
 *
 * @param name the name handlers look it up by: lower case letters, digits and underscores
 * @param optional whether it may be left out (the handler then receives {@code NULL})
 * @param introducer the word that introduces it, upper case, if any
 * @param repeated whether it takes all remaining arguments as a list (last parameter only)
 * @param description what it means, for error messages and documentation
 * @param flag whether the introducer alone is the whole clause ({@code LIST "x" RECURSIVE}); the
 *     handler receives {@code TRUE} when it is written, {@code NULL} when not
 * @param words when not empty, the words one of which follows the introducer ({@code READ "x" AS
 *     TABLE}); the handler receives the word written, upper case, as text
 * @param passing what the compiler passes for the arguments written here: their values (the default),
 *     their values and the names of the variables ({@code SAVE "t", id, name, email}: the names become
 *     columns; {@link #byName(String, String, boolean)}), or the clause's source text, never evaluated
 *     ({@code GROUP BY "sales" ON category}; {@link #sourceText(String, String, boolean, String)})
 */
public record ParameterDefinition(
        String name,
        boolean optional,
        Optional<String> introducer,
        boolean repeated,
        String description,
        boolean flag,
        List<String> words,
        Passing passing) {

    /** What the compiler passes to the handler for a parameter's arguments. */
    public enum Passing {
        /** The evaluated values. */
        VALUE,
        /**
         * The evaluated values and the names of the variables written ({@link Invocation#argumentNames}).
         */
        VARIABLE_NAMES,
        /**
         * The clause's source text as written, up to the next clause word, comma or the end of the
         * statement, as a text: never evaluated, so bare column names ({@code ON category}, {@code VALUES
         * SUM(amount)}) reach the handler as written. The handler must check it like any text from a
         * script.
         */
        SOURCE_TEXT
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern WORD = Pattern.compile("[A-Z][A-Z0-9_]*");

    /**
     * Validates the parameter.
     *
     * @param name lower case identifier
     * @param optional the flag
     * @param introducer an upper case word, if any
     * @param repeated the flag
     * @param description not null
     * @param flag the flag; needs an introducer and no words
     * @param words upper case words, or empty; need an introducer
     * @param passing not null; {@link Passing#VARIABLE_NAMES} only for a positional parameter, {@link
     *     Passing#SOURCE_TEXT} only for an introduced one
     */
    public ParameterDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(introducer, "introducer is null");
        requireNonNull(description, "description is null");
        words = List.copyOf(requireNonNull(words, "words is null"));
        if ((flag || !words.isEmpty()) && introducer.isEmpty()) {
            throw new IllegalArgumentException(
                    "parameter '" + name + "' is a flag or takes words: it needs an introducer");
        }
        if (flag && !words.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "' is a flag: it takes no words");
        }
        for (String word : words) {
            if (!WORD.matcher(word).matches()) {
                throw new IllegalArgumentException(
                        "word '" + word + "' of parameter '" + name + "' must be one upper case word");
            }
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "parameter name '" + name + "' must be lower case letters, digits and underscores");
        }
        requireNonNull(passing, "passing is null");
        if (passing == Passing.VARIABLE_NAMES && introducer.isPresent()) {
            throw new IllegalArgumentException(
                    "parameter '" + name + "' passes variables by name: it must be positional, not introduced");
        }
        if (passing == Passing.SOURCE_TEXT && (introducer.isEmpty() || flag || !words.isEmpty())) {
            throw new IllegalArgumentException("parameter '" + name
                    + "' passes its source text: it must be introduced by a word, and be no flag or word list");
        }
        introducer.ifPresent(word -> {
            if (!WORD.matcher(word).matches()) {
                throw new IllegalArgumentException(
                        "introducer '" + word + "' of parameter '" + name + "' must be one upper case word");
            }
        });
    }

    /**
     * A parameter as it was before variables by name: not by name.
     *
     * @param name lower case identifier
     * @param optional the flag
     * @param introducer an upper case word, if any
     * @param repeated the flag
     * @param description not null
     * @param flag the flag; needs an introducer and no words
     * @param words upper case words, or empty; need an introducer
     */
    public ParameterDefinition(
            String name,
            boolean optional,
            Optional<String> introducer,
            boolean repeated,
            String description,
            boolean flag,
            List<String> words) {
        this(name, optional, introducer, repeated, description, flag, words, Passing.VALUE);
    }

    /**
     * A parameter as it was before flags and words: neither.
     *
     * @param name lower case identifier
     * @param optional the flag
     * @param introducer an upper case word, if any
     * @param repeated the flag
     * @param description not null
     */
    public ParameterDefinition(
            String name, boolean optional, Optional<String> introducer, boolean repeated, String description) {
        this(name, optional, introducer, repeated, description, false, List.of());
    }

    /**
     * An optional word written alone, e.g. {@code RECURSIVE} in {@code LIST "docs/" RECURSIVE}: the
     * handler receives {@code TRUE} when it is written and {@code NULL} when it is not.
     *
     * @param word the word, any case
     * @param name the name
     * @param description what it means
     * @return the parameter
     */
    public static ParameterDefinition flag(String word, String name, String description) {
        return new ParameterDefinition(
                name, true, Optional.of(word.toUpperCase(Locale.ROOT)), false, description, true, List.of());
    }

    /**
     * A clause whose value is one of a few words rather than an expression, e.g. {@code AS TABLE} or
     * {@code AS LINES} in {@code READ "x" AS TABLE}: the handler receives the word, upper case, as text.
     *
     * @param introducer the word that introduces it, any case
     * @param name the name
     * @param optional whether it may be left out
     * @param description what it means
     * @param words the words allowed after the introducer, any case
     * @return the parameter
     */
    public static ParameterDefinition oneOf(
            String introducer, String name, boolean optional, String description, String... words) {
        if (words.length == 0) {
            throw new IllegalArgumentException("parameter '" + name + "' needs at least one word");
        }
        List<String> upper = new ArrayList<>();
        for (String word : words) {
            upper.add(word.toUpperCase(Locale.ROOT));
        }
        return new ParameterDefinition(
                name, optional, Optional.of(introducer.toUpperCase(Locale.ROOT)), false, description, false, upper);
    }

    /**
     * A required positional parameter.
     *
     * @param name the name
     * @param description what it means
     * @return the parameter
     */
    public static ParameterDefinition required(String name, String description) {
        return new ParameterDefinition(name, false, Optional.empty(), false, description);
    }

    /**
     * An optional positional parameter.
     *
     * @param name the name
     * @param description what it means
     * @return the parameter
     */
    public static ParameterDefinition optional(String name, String description) {
        return new ParameterDefinition(name, true, Optional.empty(), false, description);
    }

    /**
     * A parameter written after an introducing word, e.g. {@code WHERE}.
     *
     * @param introducer the word, any case
     * @param name the name
     * @param optional whether it may be left out
     * @param description what it means
     * @return the parameter
     */
    public static ParameterDefinition introducedBy(
            String introducer, String name, boolean optional, String description) {
        return new ParameterDefinition(
                name, optional, Optional.of(introducer.toUpperCase(Locale.ROOT)), false, description);
    }

    /**
     * An optional positional parameter whose arguments the compiler passes with the names of the
     * variables written there, as General Bots' {@code SAVE "table", id, name, email} does (the
     * variables' names become the columns). The handler reads the values as usual and the names with
     * {@link Invocation#argumentNames(String)}.
     *
     * <p>The compiler's rule: when a call writes an argument at a <em>repeated</em> by-name parameter,
     * every argument it writes at any by-name parameter must be a variable ({@code nome}) or a field
     * path ({@code item.customerName}, named by its last field), not {@code UPPER(x)} or {@code "x" +
     * y}, or the script does not compile (the error names the argument and says to write it into a
     * variable first). A by-name parameter written alone may hold any expression ({@code SAVE "t", id,
     * #{…}}); its name is then empty when it is neither.
     *
     * @param name the name
     * @param description what it means
     * @param repeated whether it takes all remaining arguments (last parameter only)
     * @return the parameter
     */
    public static ParameterDefinition byName(String name, String description, boolean repeated) {
        return new ParameterDefinition(
                name, true, Optional.empty(), repeated, description, false, List.of(), Passing.VARIABLE_NAMES);
    }

    /**
     * A clause whose text the handler receives as written, never evaluated ({@link Passing#SOURCE_TEXT}):
     * {@code ON category} in {@code GROUP BY "sales" ON category}, {@code VALUES SUM(amount)} in {@code
     * PIVOT}. The text runs to the next clause word of the keyword, a comma or the end of the statement.
     *
     * @param introducer the word, any case
     * @param name the name
     * @param optional whether it may be left out
     * @param description what it means
     * @return the parameter
     */
    public static ParameterDefinition sourceText(String introducer, String name, boolean optional, String description) {
        return new ParameterDefinition(
                name,
                optional,
                Optional.of(introducer.toUpperCase(Locale.ROOT)),
                false,
                description,
                false,
                List.of(),
                Passing.SOURCE_TEXT);
    }

    /**
     * Whether the compiler passes the names of the variables written here ({@link
     * Passing#VARIABLE_NAMES}).
     *
     * @return whether the parameter is by name
     */
    public boolean byName() {
        return passing == Passing.VARIABLE_NAMES;
    }

    /**
     * The key under which an invocation's arguments carry the names of a by-name parameter's
     * variables; it cannot clash with a parameter name (those have no {@code :}).
     *
     * @param parameter a parameter name
     * @return {@code parameter + ":names"}
     */
    public static String namesKey(String parameter) {
        return parameter + ":names";
    }

    /**
     * A last parameter that collects the remaining arguments into a list.
     *
     * @param name the name
     * @param description what it means
     * @return the parameter
     */
    public static ParameterDefinition repeated(String name, String description) {
        return new ParameterDefinition(name, true, Optional.empty(), true, description);
    }
}
