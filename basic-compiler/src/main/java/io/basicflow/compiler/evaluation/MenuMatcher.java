package io.basicflow.compiler.evaluation;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.InputValidator;
import io.basicflow.spi.value.TextValue;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches a user's answer to a menu, {@code HEAR x AS "Pizza", "Pasta", "Salad"}. In this order it
 * accepts:
 *
 * <ol>
 *   <li>an option exactly as written;
 *   <li>an option ignoring case and accents ({@code pizza}, {@code NAO} for {@code Não});
 *   <li>the option's 1-based number ({@code 2}, also {@code 2.} or {@code 2)});
 *   <li>a unique prefix ignoring case and accents ({@code sal} for {@code Salad}).
 * </ol>
 *
 * Surrounding white space is ignored. The accepted value is the option's text as written in the
 * script. Anything else is rejected with a message that lists the numbered options (and, for an
 * ambiguous prefix, which options it matched).
 */
public final class MenuMatcher implements InputValidator {

    private static final Pattern NUMBER = Pattern.compile("(\\d{1,9})\\s*[.)]?");

    private final List<String> options;
    private final List<String> folded;

    /**
     * Creates a matcher.
     *
     * @param options the options in menu order; at least one, none blank
     */
    public MenuMatcher(List<String> options) {
        this.options = List.copyOf(requireNonNull(options, "options is null"));
        if (this.options.isEmpty()) {
            throw new IllegalArgumentException("a menu needs at least one option");
        }
        List<String> foldedOptions = new ArrayList<>(this.options.size());
        for (String option : this.options) {
            if (option.isBlank()) {
                throw new IllegalArgumentException("a menu option must not be blank");
            }
            foldedOptions.add(fold(option));
        }
        this.folded = List.copyOf(foldedOptions);
    }

    /**
     * The options in menu order.
     *
     * @return the options as written
     */
    public List<String> options() {
        return options;
    }

    /**
     * Matches an answer.
     *
     * @param input what the user typed
     * @return the chosen option as text, or a rejection listing the options
     */
    public Result match(String input) {
        String answer = input.strip();
        for (String option : options) {
            if (option.equals(answer) || option.strip().equals(answer)) {
                return new Accepted(new TextValue(option));
            }
        }
        if (answer.isEmpty()) {
            return new Rejected(choose());
        }
        String key = fold(answer);
        for (int i = 0; i < options.size(); i++) {
            if (folded.get(i).equals(key)) {
                return new Accepted(new TextValue(options.get(i)));
            }
        }
        Matcher number = NUMBER.matcher(answer);
        if (number.matches()) {
            int choice = Integer.parseInt(number.group(1));
            if (choice >= 1 && choice <= options.size()) {
                return new Accepted(new TextValue(options.get(choice - 1)));
            }
            return new Rejected("There is no option " + choice + ". " + choose());
        }
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            if (folded.get(i).startsWith(key)) {
                candidates.add(options.get(i));
            }
        }
        if (candidates.size() == 1) {
            return new Accepted(new TextValue(candidates.getFirst()));
        }
        if (candidates.size() > 1) {
            return new Rejected("\"" + answer + "\" matches more than one option (" + String.join(", ", candidates)
                    + "). " + choose());
        }
        return new Rejected(choose());
    }

    /**
     * Same as {@link #match(String)}; the clock is not needed.
     *
     * @param input what the user typed
     * @param clock unused
     * @return the chosen option or a rejection
     */
    @Override
    public Result validate(String input, Clock clock) {
        return match(input);
    }

    private String choose() {
        StringBuilder message = new StringBuilder("Please choose one of: ");
        for (int i = 0; i < options.size(); i++) {
            if (i > 0) {
                message.append(", ");
            }
            message.append(i + 1).append(". ").append(options.get(i));
        }
        return message.append('.').toString();
    }

    private static String fold(String text) {
        String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
