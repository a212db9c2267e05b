package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Arguments given to a tool do not fit its signature. Lists every problem found, not just the
 * first, each with the parameter it concerns, followed by the tool's usage line.
 */
public final class ToolArgumentException extends ToolException {

    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    /**
     * Invalid arguments.
     *
     * @param signature the tool's signature
     * @param problems every problem found, at least one
     */
    public ToolArgumentException(ToolSignature signature, List<Problem> problems) {
        super(requireNonNull(signature, "signature is null").name(), message(signature, problems), null);
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems found.
     *
     * @return at least one problem: unknown, repeated and extra arguments first, then the
     *     parameters' problems in declared order
     */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(ToolSignature signature, List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ToolArgumentException needs at least one problem");
        }
        String count = problems.size() == 1 ? "1 invalid argument" : problems.size() + " invalid arguments";
        return "tool '" + signature.name() + "' got " + count + ": "
                + problems.stream().map(Problem::message).collect(Collectors.joining("; "))
                + ". Usage: " + signature.usage();
    }

    /** What kind of problem an argument has. */
    public enum Kind {
        /** A required parameter got no value (or {@code NULL}). */
        MISSING,
        /** A named argument matches no parameter. */
        UNKNOWN,
        /** Two named arguments set the same parameter (they differ only in case). */
        DUPLICATE,
        /** More positional arguments than the tool has parameters. */
        TOO_MANY,
        /** The value has a type the parameter cannot take (a list for a number). */
        WRONG_TYPE,
        /** The value is not one of the parameter's choices. */
        NOT_IN_CHOICES,
        /** The value has the right type but not the parameter's format (an e-mail without {@code @}). */
        BAD_FORMAT
    }

    /**
     * One problem with one argument.
     *
     * @param parameter the parameter's name; for {@link Kind#UNKNOWN} the name given; for {@link
     *     Kind#TOO_MANY} {@code #n}, the 1-based position of the first extra argument
     * @param kind what kind of problem
     * @param message a full sentence naming the parameter, e.g. {@code 'age' must be a whole number,
     *     got "ten"}
     */
    public record Problem(String parameter, Kind kind, String message) {
        /**
         * Validates the parts.
         *
         * @param parameter not null
         * @param kind not null
         * @param message not null
         */
        public Problem {
            requireNonNull(parameter, "parameter is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(message, "message is null");
        }
    }
}
