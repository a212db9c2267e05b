package io.basicflow.compiler.parser;

import io.basicflow.compiler.lexer.Lexer;
import io.basicflow.compiler.lexer.SourceText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a quick pass over the lines of a script finds before parsing: the {@code #workflow} pragma,
 * the procedures (they may be called before they are defined), the variables the script assigns
 * somewhere (a {@code {name}} in a TALK text interpolates only those), the {@code END …} lines and
 * the lines that open and close built-in blocks (to recognise blocks of unknown keywords such as
 * {@code TABLE} … {@code END TABLE}).
 *
 * <p>It looks only at the first words of each line, so it is cheap and approximate: a line inside a
 * multi-line string may be taken for a statement. The parser never trusts it for structure, only for
 * these lookups.
 */
final class ScriptOutline {

    /** Words that end a built-in block when they start a line. */
    private static final Set<String> CORE_CLOSERS = Set.of("NEXT", "LOOP", "WEND", "ENDIF");

    /** Words that continue a built-in block when they start a line. */
    private static final Set<String> CORE_CONTINUATIONS = Set.of("ELSE", "ELSEIF", "CASE", "DEFAULT");

    /** Words that open a built-in block when they start a line (IF only when the line ends with THEN). */
    private static final Set<String> CORE_OPENERS = Set.of("FOR", "DO", "WHILE", "SELECT", "SWITCH", "SUB", "FUNCTION");

    /** Words that a built-in block ends with after {@code END}. */
    private static final Set<String> CORE_BLOCKS =
            Set.of("IF", "FOR", "WHILE", "SELECT", "SWITCH", "SUB", "FUNCTION", "WITH", "TALK", "MAIL");

    /** How many lines an unknown block's body may have when checking that it is balanced. */
    private static final int MAX_BLOCK_SCAN = 5_000;

    private static final byte OPENS = 1;
    private static final byte CLOSES = 2;
    private static final byte CONTINUES = 3;

    private int pragmaLine;
    private final List<Integer> strayPragmaLines = new ArrayList<>();
    private final Map<String, Boolean> procedures = new HashMap<>();
    private final Set<String> assigned = new HashSet<>();
    private final Map<String, List<Integer>> endLines = new HashMap<>();
    private final String[] endLineWords;
    private final byte[] structure;

    ScriptOutline(SourceText source) {
        int lines = source.lineCount();
        this.endLineWords = new String[lines + 1];
        this.structure = new byte[lines + 1];
        boolean seenCode = false;
        String text = source.text();
        for (int line = 1; line <= lines; line++) {
            int start = source.lineStart(line);
            int end = source.lineEnd(line);
            int i = skipBlanks(text, start, end);
            if (i >= end) {
                continue;
            }
            char first = text.charAt(i);
            if (first == '#' && !(i + 1 < end && text.charAt(i + 1) == '{')) {
                if (isPragma(text, i, end)) {
                    if (seenCode || pragmaLine != 0) {
                        strayPragmaLines.add(line);
                    } else {
                        pragmaLine = line;
                    }
                }
                continue;
            }
            if (first == '\'' || (first == '/' && i + 1 < end && text.charAt(i + 1) == '/')) {
                continue;
            }
            int wordEnd = wordEnd(text, i, end);
            if (wordEnd == i) {
                seenCode = true;
                continue;
            }
            String word = text.substring(i, wordEnd).toUpperCase(Locale.ROOT);
            if (word.equals("REM")) {
                continue;
            }
            seenCode = true;
            outlineLine(line, word, text, wordEnd, end);
        }
    }

    private void outlineLine(int line, String word, String text, int wordEnd, int end) {
        int next = skipBlanks(text, wordEnd, end);
        if (next < end && text.charAt(next) == '=' && !(next + 1 < end && text.charAt(next + 1) == '=')) {
            assigned.add(word.toLowerCase(Locale.ROOT));
            return;
        }
        if (CORE_CLOSERS.contains(word)) {
            structure[line] = CLOSES;
        } else if (CORE_CONTINUATIONS.contains(word)) {
            structure[line] = CONTINUES;
        } else if (CORE_OPENERS.contains(word)
                || (word.equals("WITH") && next < end)
                || (word.equals("IF") && endsWithThen(text, next, end))
                || (word.equals("BEGIN") && beginsCoreBlock(text, next, end))) {
            structure[line] = OPENS;
        }
        switch (word) {
            case "END" -> endLine(line, text, next, end);
            case "SUB", "FUNCTION" -> {
                int e = wordEnd(text, next, end);
                if (e > next) {
                    procedures.putIfAbsent(text.substring(next, e).toLowerCase(Locale.ROOT), word.equals("FUNCTION"));
                    addWords(text, e, end);
                }
            }
            case "SET", "LET", "HEAR", "PARAM", "WITH" -> addFirstWord(text, next, end);
            case "FOR" -> {
                int e = wordEnd(text, next, end);
                if (e > next && text.substring(next, e).equalsIgnoreCase("EACH")) {
                    addFirstWord(text, skipBlanks(text, e, end), end);
                } else {
                    addFirstWord(text, next, end);
                }
            }
            default -> {
                if (isAssignment(text, next, end)) {
                    assigned.add(word.toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    private void endLine(int line, String text, int next, int end) {
        StringBuilder words = new StringBuilder();
        int i = next;
        for (int count = 0; count < 4 && i < end; count++) {
            int e = wordEnd(text, i, end);
            if (e == i) {
                break;
            }
            if (!words.isEmpty()) {
                words.append(' ');
            }
            words.append(text, i, e);
            i = skipBlanks(text, e, end);
        }
        String rest = words.toString().toUpperCase(Locale.ROOT);
        if (rest.isEmpty()) {
            return;
        }
        endLineWords[line] = rest;
        String key = rest.split(" ")[0];
        endLines.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
        if (CORE_BLOCKS.contains(key)) {
            structure[line] = CLOSES;
        }
    }

    /** After a target's first word: {@code .name}, {@code [ … ]} and then a single {@code =}. */
    private static boolean isAssignment(String text, int i, int end) {
        while (i < end) {
            char c = text.charAt(i);
            if (c == '=') {
                return i + 1 >= end || text.charAt(i + 1) != '=';
            }
            if (c == '.') {
                int e = wordEnd(text, i + 1, end);
                if (e == i + 1) {
                    return false;
                }
                i = skipBlanks(text, e, end);
            } else if (c == '[') {
                int depth = 0;
                while (i < end) {
                    char d = text.charAt(i);
                    if (d == '[') {
                        depth++;
                    } else if (d == ']' && --depth == 0) {
                        break;
                    }
                    i++;
                }
                i = skipBlanks(text, i + 1, end);
            } else {
                return false;
            }
        }
        return false;
    }

    /** Whether the code of a line (before a trailing comment) ends with the word THEN. */
    private static boolean endsWithThen(String text, int i, int end) {
        boolean quoted = false;
        int codeEnd = end;
        for (int k = i; k < end; k++) {
            char c = text.charAt(k);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\'' && !quoted) {
                codeEnd = k;
                break;
            }
        }
        while (codeEnd > i && Lexer.isBlank(text.charAt(codeEnd - 1))) {
            codeEnd--;
        }
        return codeEnd - i >= 4
                && text.regionMatches(true, codeEnd - 4, "THEN", 0, 4)
                && (codeEnd - 5 < i || !Lexer.isIdentifierPart(text.charAt(codeEnd - 5)));
    }

    private static boolean beginsCoreBlock(String text, int i, int end) {
        int e = wordEnd(text, i, end);
        return e - i == 4 && (text.regionMatches(true, i, "TALK", 0, 4) || text.regionMatches(true, i, "MAIL", 0, 4));
    }

    private void addFirstWord(String text, int i, int end) {
        int e = wordEnd(text, i, end);
        if (e > i) {
            assigned.add(text.substring(i, e).toLowerCase(Locale.ROOT));
        }
    }

    /** Adds every word of a parameter list. */
    private void addWords(String text, int i, int end) {
        while (i < end) {
            int e = wordEnd(text, i, end);
            if (e > i) {
                assigned.add(text.substring(i, e).toLowerCase(Locale.ROOT));
                i = e;
            } else {
                i++;
            }
        }
    }

    private static boolean isPragma(String text, int i, int end) {
        int e = i + 1;
        while (e < end && Lexer.isIdentifierPart(text.charAt(e))) {
            e++;
        }
        if (e != i + 9 || !text.regionMatches(true, i, "#workflow", 0, 9)) {
            return false;
        }
        int rest = skipBlanks(text, e, end);
        return rest >= end || text.charAt(rest) == '\'';
    }

    private static int skipBlanks(String text, int i, int end) {
        while (i < end && Lexer.isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int wordEnd(String text, int i, int end) {
        if (i >= end || !Lexer.isIdentifierStart(text.charAt(i))) {
            return i;
        }
        int e = i + 1;
        while (e < end && Lexer.isIdentifierPart(text.charAt(e))) {
            e++;
        }
        return e;
    }

    /** Whether the first non-comment line is {@code #workflow}. */
    boolean isWorkflow() {
        return pragmaLine != 0;
    }

    /** Lines with a {@code #workflow} that is not the first non-comment line. */
    List<Integer> strayPragmaLines() {
        return strayPragmaLines;
    }

    /** Whether the script defines a SUB or FUNCTION of that name (lower case). */
    boolean isProcedure(String lowerName) {
        return procedures.containsKey(lowerName);
    }

    /** Whether the script assigns a variable of that name (lower case) somewhere. */
    boolean isAssigned(String lowerName) {
        return assigned.contains(lowerName);
    }

    /**
     * The line that closes a block of an unknown keyword: the first later {@code END <closer>} line.
     * Unless {@code freeText}, the built-in blocks between must open and close within the block;
     * otherwise the keyword was not a block.
     *
     * @param fromLine the keyword's line
     * @param closer the words expected after {@code END}, upper case
     * @param freeText whether the body is free text ({@code BEGIN …} blocks)
     * @return the closing line, or 0 when there is none
     */
    int unknownBlockEnd(int fromLine, String closer, boolean freeText) {
        List<Integer> candidates = endLines.get(closer.split(" ")[0]);
        if (candidates == null) {
            return 0;
        }
        int first = Collections.binarySearch(candidates, fromLine + 1);
        for (int k = first < 0 ? -first - 1 : first; k < candidates.size(); k++) {
            int line = candidates.get(k);
            String words = endLineWords[line];
            if (!(words.equals(closer) || words.startsWith(closer + " "))) {
                continue;
            }
            return freeText || balanced(fromLine, line) ? line : 0;
        }
        return 0;
    }

    /** Whether the built-in blocks between two lines open and close within them. */
    private boolean balanced(int fromLine, int toLine) {
        if (toLine - fromLine > MAX_BLOCK_SCAN) {
            return false;
        }
        int level = 0;
        for (int line = fromLine + 1; line < toLine; line++) {
            switch (structure[line]) {
                case OPENS -> level++;
                case CLOSES -> {
                    if (--level < 0) {
                        return false;
                    }
                }
                case CONTINUES -> {
                    if (level == 0) {
                        return false;
                    }
                }
                default -> {}
            }
        }
        return level == 0;
    }
}
