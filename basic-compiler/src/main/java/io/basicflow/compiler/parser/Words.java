package io.basicflow.compiler.parser;

import java.util.Set;

/** The reserved and clause words of the language, upper case. */
final class Words {

    /** Words that are operators inside expressions. */
    static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT", "MOD", "IS", "CONTAINS", "XOR", "BETWEEN");

    /** Words that end a statement part: they never start an operand. */
    static final Set<String> STRUCTURAL = Set.of("THEN", "ELSE", "ELSEIF");

    /** Literal words. */
    static final Set<String> LITERALS = Set.of("TRUE", "FALSE", "NULL");

    /**
     * Words that, after an upper-case name inside an expression, show that the name is not a keyword
     * call: the statement's grammar continues with them ({@code FOR i = A TO B}, {@code IF X THEN}).
     */
    static final Set<String> CLAUSES = Set.of(
            "THEN",
            "ELSE",
            "ELSEIF",
            "TO",
            "STEP",
            "DO",
            "LOOP",
            "UNTIL",
            "WHILE",
            "WEND",
            "NEXT",
            "IN",
            "EACH",
            "AS",
            "WITH",
            "WHERE",
            "DEFAULT",
            "LIKE",
            "OPTIONAL",
            "BY",
            "INTO",
            "SET",
            "FROM",
            "ON",
            "VALUES",
            "AND",
            "OR",
            "NOT",
            "MOD",
            "IS",
            "CONTAINS",
            "END",
            "CASE");

    /** Words that may end the arguments of an unknown keyword used inside an expression. */
    static final Set<String> EMBEDDED_STOPS = Set.of("THEN", "ELSE", "ELSEIF", "TO", "STEP", "DO");

    /** First words of the built-in statements: an unknown keyword block never starts with one. */
    static final Set<String> STATEMENTS = Set.of(
            "TALK",
            "HEAR",
            "WAIT",
            "IF",
            "ELSE",
            "ELSEIF",
            "ENDIF",
            "END",
            "FOR",
            "NEXT",
            "DO",
            "LOOP",
            "WHILE",
            "WEND",
            "EXIT",
            "SELECT",
            "SWITCH",
            "CASE",
            "DEFAULT",
            "SUB",
            "FUNCTION",
            "CALL",
            "RETURN",
            "WITH",
            "PARAM",
            "DESCRIPTION",
            "SET",
            "LET");

    private Words() {}
}
