package io.basicflow.compiler.parser;

import io.basicflow.compiler.lexer.Lexer;
import io.basicflow.compiler.lexer.SourceText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a quick pass over the lines of a script finds before parsing: the {@code #workflow} pragma,
 * the procedures (they may be called before they are defined), the variables the script assigns
 * somewhere (a {@code {name}} in a TALK text interpolates only those), and the {@code END …} lines
 * (to recognise blocks of unknown keywords such as {@code TABLE} … {@code END TABLE}).
 *
 * <p>It looks only at the first words of each line, so it is cheap and approximate: a line inside a
 * multi-line string may be taken for a statement. The parser never trusts it for structure, only for
 * these lookups.
 */
final class ScriptOutline {

    /** Words that end or continue a built-in block when they start a line. */
    private static final Set<String> CORE_CLOSERS = Set.of("NEXT", "LOOP", "WEND", "ELSE", "ELSEIF", "CASE", "ENDIF");

    /** Words that a built-in block ends with after {@code END}. */
    private static final Set<String> CORE_BLOCKS =
            Set.of("IF", "FOR", "WHILE", "SELECT", "SWITCH", "SUB", "FUNCTION", "WITH", "TALK", "MAIL");

    private final SourceText source;
    private int pragmaLine;
    private final List<Integer> strayPragmaLines = new ArrayList<>();
    private final Map<String, Boolean> procedures = new HashMap<>();
    private final Set<String> assigned = new HashSet<>();
    private final Map<String, List<Integer>> endLines = new HashMap<>();
    private final String[] endLineWords;
    private final int[] coreClosersUpTo;

    ScriptOutline(SourceText source) {
        this.source = source;
        int lines = source.lineCount();
        this.endLineWords = new String[lines + 1];
        this.coreClosersUpTo = new int[lines + 1];
        boolean seenCode = false;
        String text = source.text();
        for (int line = 1; line <= lines; line++) {
            coreClosersUpTo[line] = coreClosersUpTo[line - 1];
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
        if (CORE_CLOSERS.contains(word)) {
            coreClosersUpTo[line]++;
        }
        switch (word) {
            case "END" -> {
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
                if (!rest.isEmpty()) {
                    endLineWords[line] = rest;
                    String key = rest.split(" ")[0];
                    endLines.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
                    if (CORE_BLOCKS.contains(key)) {
                        coreClosersUpTo[line]++;
                    }
                }
            }
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
        if (!text.regionMatches(true, i, "#workflow", 0, 9) || e != i + 9) {
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
     * Unless {@code freeText}, a line that ends or continues a built-in block in between means the
     * keyword was not a block.
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
        for (int line : candidates) {
            if (line <= fromLine) {
                continue;
            }
            String words = endLineWords[line];
            if (!(words.equals(closer) || words.startsWith(closer + " "))) {
                continue;
            }
            if (!freeText && coreClosersUpTo[line - 1] != coreClosersUpTo[fromLine]) {
                return 0;
            }
            return line;
        }
        return 0;
    }

    SourceText source() {
        return source;
    }
}
