package io.basicflow.spi;

/**
 * How the compiler reads a keyword's arguments beyond the plain forms (comma-separated arguments and
 * clauses introduced by a word). A plugin declares it per keyword with {@link
 * KeywordPlugin#syntax(String)}; the default, {@link #PLAIN}, asks for nothing more.
 *
 * @param nameValuePair the first two arguments may also be written {@code name AS value} or {@code
 *     name = value} instead of {@code name, value} ({@code SET HEADER "Accept" = "text/plain"}, {@code
 *     REMEMBER "k" = v}); only for a keyword whose first two positional parameters are required and
 *     that has no clause introduced by {@code AS}
 * @param dataClauses the keyword's {@code SET}, {@code WITH} and {@code VALUES} clauses may be written
 *     as column lists ({@code col AS expr, col2 = expr}, passed as a map, also as {@code name = value}
 *     lines after the word), its {@code WHERE} clause as a condition over columns ({@code col = expr AND
 *     …}, passed as a condition map: see docs/data-forms.md) and its {@code ORDER} clause as {@code BY
 *     col [ASC|DESC]} (passed as the text {@code "col DESC"})
 * @param spaceSeparated while fewer than this many positional arguments are written, the next
 *     argument needs no comma before it: General Bots' {@code POST TO "instagram,facebook" image,
 *     caption} is 2 (the platforms, then the image without a comma), {@code POST TO INSTAGRAM AT when
 *     image, caption} is 1 (a clause before the first argument, then the argument); 0 (the default)
 *     asks for commas everywhere
 * @param resultTo a statement of the keyword may end with {@code TO variable}, and that variable
 *     receives the keyword's value: {@code CARD "sunrise", "motivation" TO post} means {@code post = CARD
 *     "sunrise", "motivation"}, run as the same step. Only for a {@link KeywordForm#FUNCTION} keyword
 *     none of whose declarations has a clause introduced by {@code TO} (where {@code TO} is an argument,
 *     as in {@code FILL template, data TO "path"} or {@code DOWNLOAD url TO "path"}); the catalogue
 *     refuses the plugin otherwise
 */
public record KeywordSyntax(boolean nameValuePair, boolean dataClauses, int spaceSeparated, boolean resultTo) {

    /**
     * Validates the count.
     *
     * @param nameValuePair the flag
     * @param dataClauses the flag
     * @param spaceSeparated not negative
     * @param resultTo the flag
     */
    public KeywordSyntax {
        if (spaceSeparated < 0) {
            throw new IllegalArgumentException("spaceSeparated must not be negative, was " + spaceSeparated);
        }
    }

    /**
     * The syntax as it was before the {@code TO variable} result: no such ending.
     *
     * @param nameValuePair the flag
     * @param dataClauses the flag
     * @param spaceSeparated not negative
     */
    public KeywordSyntax(boolean nameValuePair, boolean dataClauses, int spaceSeparated) {
        this(nameValuePair, dataClauses, spaceSeparated, false);
    }

    /**
     * This syntax, and a statement may end with {@code TO variable} receiving the value ({@link
     * #resultTo()}).
     *
     * @return the syntax with the {@code TO variable} ending
     */
    public KeywordSyntax withResultTo() {
        return new KeywordSyntax(nameValuePair, dataClauses, spaceSeparated, true);
    }

    /**
     * The syntax as it was before space-separated arguments: commas everywhere.
     *
     * @param nameValuePair the flag
     * @param dataClauses the flag
     */
    public KeywordSyntax(boolean nameValuePair, boolean dataClauses) {
        this(nameValuePair, dataClauses, 0);
    }

    /**
     * The plain forms, where the next argument needs no comma before it while fewer than {@code count}
     * positional arguments are written.
     *
     * @param count see {@link #spaceSeparated()}
     * @return the syntax
     */
    public static KeywordSyntax spaceSeparated(int count) {
        return new KeywordSyntax(false, false, count);
    }

    /** The plain forms only. */
    public static final KeywordSyntax PLAIN = new KeywordSyntax(false, false);

    /** {@code name AS value} / {@code name = value} for the first two arguments. */
    public static final KeywordSyntax NAME_VALUE = new KeywordSyntax(true, false);

    /** General Bots' data clause shapes (column lists, conditions over columns, {@code ORDER BY}). */
    public static final KeywordSyntax DATA_CLAUSES = new KeywordSyntax(false, true);

    /** The plain forms, and a statement may end with {@code TO variable} receiving the value. */
    public static final KeywordSyntax RESULT_TO = new KeywordSyntax(false, false, 0, true);
}
