package io.basicflow.tools;

import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written stand-in for the real compiler: it reads only the {@code PARAM} and {@code
 * DESCRIPTION} lines of a script (the rest is ignored) and fails on a line that starts with {@code
 * SYNTAX ERROR}. It counts its compilations so tests can see the signature cache at work.
 */
public final class LineToolCompiler implements ToolCompiler {

    private final AtomicInteger compilations = new AtomicInteger();

    /** Public for {@link java.util.ServiceLoader}. */
    public LineToolCompiler() {}

    int compilations() {
        return compilations.get();
    }

    @Override
    public Program compile(String name, String source) {
        compilations.incrementAndGet();
        List<Step> steps = new ArrayList<>();
        String[] lines = source.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SYNTAX ERROR")) {
                throw new ToolCompilationException(
                        name, name + ":" + number + ":1: unexpected '" + line + "'\n  " + line + "\n  ^");
            }
            if (upper.startsWith("PARAM ")) {
                steps.add(param(name, number, line));
            } else if (upper.startsWith("DESCRIPTION ")) {
                List<String> tokens = tokens(line.substring("DESCRIPTION ".length()));
                steps.add(new Step.Description(SourceSpan.of(number, 1, line.length()), unquote(tokens.getFirst())));
            }
        }
        return new Program(name, steps, Map.of());
    }

    private static Step.Param param(String script, int number, String line) {
        List<String> tokens = tokens(line);
        // PARAM name AS ...
        if (tokens.size() < 4 || !tokens.get(2).equalsIgnoreCase("AS")) {
            throw new ToolCompilationException(script, script + ":" + number + ":1: expected PARAM name AS type");
        }
        String name = tokens.get(1).toLowerCase(Locale.ROOT);
        SourceSpan span = SourceSpan.of(number, 1, line.length());
        if (tokens.get(3).startsWith("\"")) {
            List<String> choices = new ArrayList<>();
            for (int i = 3; i < tokens.size(); i++) {
                if (!tokens.get(i).equals(",")) {
                    choices.add(unquote(tokens.get(i)));
                }
            }
            return new Step.Param(span, name, "ENUM", Optional.empty(), Optional.empty(), false, choices);
        }
        String type = tokens.get(3).toUpperCase(Locale.ROOT);
        Optional<String> example = Optional.empty();
        Optional<String> description = Optional.empty();
        boolean optional = false;
        for (int i = 4; i < tokens.size(); i++) {
            switch (tokens.get(i).toUpperCase(Locale.ROOT)) {
                case "LIKE" -> example = Optional.of(unquote(tokens.get(++i)));
                case "DESCRIPTION" -> description = Optional.of(unquote(tokens.get(++i)));
                case "OPTIONAL" -> optional = true;
                default ->
                    throw new ToolCompilationException(
                            script, script + ":" + number + ":1: unexpected '" + tokens.get(i) + "'");
            }
        }
        return new Step.Param(span, name, type, example, description, optional, List.of());
    }

    /** Words, quoted strings (kept with their quotes) and commas. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ',') {
                tokens.add(",");
                i++;
            } else if (c == '"') {
                StringBuilder quoted = new StringBuilder("\"");
                i++;
                while (i < text.length()) {
                    if (text.charAt(i) == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        quoted.append('"');
                        i += 2;
                    } else if (text.charAt(i) == '"') {
                        i++;
                        break;
                    } else {
                        quoted.append(text.charAt(i++));
                    }
                }
                tokens.add(quoted.toString());
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != ',') {
                    i++;
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }

    private static String unquote(String token) {
        return token.startsWith("\"") ? token.substring(1) : token;
    }
}
