package io.basicflow.compiler.diagnostics;

/** What a {@link Diagnostic} reports. Each kind belongs to one {@link DiagnosticCategory}. */
public enum DiagnosticKind {
    /** A token that does not fit the grammar where it stands. */
    SYNTAX(DiagnosticCategory.SYNTAX),
    /** A string literal whose closing quote is missing. */
    UNTERMINATED_STRING(DiagnosticCategory.SYNTAX),
    /** A block ({@code IF}, {@code FOR}, {@code BEGIN TALK}, …) that is never closed. */
    UNCLOSED_BLOCK(DiagnosticCategory.SYNTAX),
    /** A block end ({@code END IF}, {@code NEXT}, …) with no block to close. */
    UNMATCHED_BLOCK_END(DiagnosticCategory.SYNTAX),
    /** A statement where it is not allowed ({@code EXIT FOR} outside a loop, {@code SUB} in a block). */
    MISPLACED_STATEMENT(DiagnosticCategory.SYNTAX),
    /** A call of a function, keyword or procedure with too few or too many arguments. */
    ARGUMENT_COUNT(DiagnosticCategory.SYNTAX),
    /** A statement keyword used where a value is needed ({@code x = SEND MAIL …}). */
    KEYWORD_FORM(DiagnosticCategory.SYNTAX),
    /** A keyword with side effects, or a script FUNCTION, called inside an expression. */
    CALL_IN_EXPRESSION(DiagnosticCategory.SYNTAX),
    /** A {@code CALL} of a procedure the script does not define. */
    UNDEFINED_PROCEDURE(DiagnosticCategory.SYNTAX),
    /** A name defined twice: a procedure, a parameter, a map key, a clause. */
    DUPLICATE_DEFINITION(DiagnosticCategory.SYNTAX),
    /** Blocks or expressions nested beyond the compiler's limit. */
    NESTED_TOO_DEEPLY(DiagnosticCategory.SYNTAX),
    /** The compiler stopped reporting after too many errors in one file. */
    TOO_MANY_ERRORS(DiagnosticCategory.SYNTAX),
    /** A failure of the compiler itself; never expected, reported instead of an exception. */
    INTERNAL_ERROR(DiagnosticCategory.SYNTAX),
    /** A statement keyword that no installed plugin provides. */
    UNKNOWN_KEYWORD(DiagnosticCategory.UNKNOWN),
    /** A warning: {@code RETURN x} of a variable that the script never assigns (it returns NULL). */
    UNASSIGNED_RETURN(DiagnosticCategory.WARNING),
    /** A keyword whose plugin says a setting it needs is not configured (reported by {@code check}). */
    MISSING_CONFIGURATION(DiagnosticCategory.WARNING),
    /** A function that no installed plugin provides. */
    UNKNOWN_FUNCTION(DiagnosticCategory.UNKNOWN),
    /** A {@code HEAR x AS TYPE} type that no installed plugin provides. */
    UNKNOWN_INPUT_TYPE(DiagnosticCategory.UNKNOWN),
    /** A clause of a known keyword ({@code SEND MAIL …, ATTACHMENT f}) that its plugin does not declare. */
    UNSUPPORTED_CLAUSE(DiagnosticCategory.UNKNOWN);

    private final DiagnosticCategory category;

    DiagnosticKind(DiagnosticCategory category) {
        this.category = category;
    }

    /**
     * The family this kind belongs to.
     *
     * @return {@link DiagnosticCategory#SYNTAX} or {@link DiagnosticCategory#UNKNOWN}
     */
    public DiagnosticCategory category() {
        return category;
    }
}
