package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordSyntax;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.TextValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Keyword calls: matching catalogue names, naming unknown keywords, binding arguments to parameters. */
final class KeywordCalls {

    /** The longest name an unknown keyword gets, in words. */
    private static final int MAX_NAME_WORDS = 6;

    /** How far to look for the {@code )} that closes {@code KEYWORD(…)}. */
    private static final int MAX_LOOKAHEAD = 512;

    private final ParseContext ctx;
    private final ExpressionParser expressions;
    private final ClauseForms clauseForms;

    KeywordCalls(ParseContext ctx, ExpressionParser expressions) {
        this.ctx = ctx;
        this.expressions = expressions;
        this.clauseForms = new ClauseForms(ctx, expressions);
    }

    /** The catalogue keyword whose words start at a lookahead position, longest first; or null. */
    static CataloguedKeyword match(ParseContext ctx, int ahead) {
        Token first = ctx.peek(ahead);
        if (first.kind() != TokenKind.IDENTIFIER) {
            return null;
        }
        for (CataloguedKeyword keyword : ctx.catalogue.keywordsStartingWith(first.upper())) {
            List<String> words = keyword.words();
            boolean matches = true;
            for (int w = 1; w < words.size() && matches; w++) {
                matches = ctx.peek(ahead + w).is(words.get(w));
            }
            if (!matches) {
                continue;
            }
            // of a name declared at different argument counts or clauses, the declaration this call fits
            CataloguedKeyword declaration = ctx.catalogue.overloaded(keyword.name())
                    ? ctx.catalogue
                            .keyword(
                                    keyword.name(),
                                    positionalArgumentsAhead(ctx, ahead + words.size()),
                                    wordsAhead(ctx, ahead + words.size()))
                            .orElse(keyword)
                    : keyword;
            if (namesLongerKeyword(ctx, ahead, declaration)) {
                continue;
            }
            return declaration;
        }
        return null;
    }

    /**
     * Whether a call too short for a keyword names another keyword of its family instead. When the
     * call writes fewer positional arguments than the keyword requires, and either its words run past
     * the keyword's name into more bare upper-case words ({@code SET SCHEDULE "…"}, {@code SET PAGE
     * MODE "auto"}) or the keyword's one word begins longer keyword names of the catalogue ({@code SET}
     * begins {@code SET HEADER}, {@code SET BOT MEMORY}, …: {@code SET role, role}), the statement is
     * a form of that family no plugin provides — an unknown keyword — not a short call of the plain
     * {@code SET table, filter, values}.
     */
    private static boolean namesLongerKeyword(ParseContext ctx, int ahead, CataloguedKeyword keyword) {
        int words = keyword.words().size();
        boolean longerName = nameRun(ctx, ahead, false).size() > words;
        boolean familyWord = words == 1
                && ctx.catalogue.keywordsStartingWith(keyword.words().getFirst()).stream()
                        .anyMatch(k -> k.words().size() > 1);
        if (!longerName && !familyWord) {
            return false;
        }
        long required = keyword.definition().parameters().stream()
                .filter(p -> !p.optional() && p.introducer().isEmpty())
                .count();
        return positionalArgumentsAhead(ctx, ahead + words) < required
                || (longerName && requiredClauseMissing(ctx, ahead + words, keyword));
    }

    /**
     * Whether the line after a keyword's name lacks the word of one of its required clauses: {@code JOIN
     * MEET room_id} is not a call of {@code JOIN table WITH other ON …}.
     */
    private static boolean requiredClauseMissing(ParseContext ctx, int ahead, CataloguedKeyword keyword) {
        for (var parameter : keyword.definition().parameters()) {
            if (parameter.optional() || parameter.introducer().isEmpty()) {
                continue;
            }
            boolean found = false;
            for (int k = ahead; k < ahead + MAX_LOOKAHEAD && !found; k++) {
                Token token = ctx.peek(k);
                if (token.endsLine() || token.kind() == TokenKind.END_OF_INPUT) {
                    break;
                }
                found = token.is(parameter.introducer().get());
            }
            if (!found) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many comma-separated arguments a call writes from a lookahead position: inside {@code (…)}
     * when they close the line, else up to the line end; commas nested in brackets do not count.
     * Picks between the declarations of a name that two plugins declare at different argument counts.
     */
    static int positionalArgumentsAhead(ParseContext ctx, int ahead) {
        boolean parenthesised = ctx.peek(ahead).kind() == TokenKind.LEFT_PAREN && parenGroupEndsLine(ctx, ahead);
        int k = parenthesised ? ahead + 1 : ahead;
        int depth = 0;
        int count = 0;
        boolean item = false;
        for (int limit = k + MAX_LOOKAHEAD; k < limit; k++) {
            Token token = ctx.peek(k);
            if (token.kind() == TokenKind.END_OF_INPUT
                    || (depth == 0 && !parenthesised && (token.endsLine() || token.is("ELSE")))) {
                break;
            }
            switch (token.kind()) {
                case LEFT_PAREN, LEFT_BRACKET, LEFT_BRACE, HASH_BRACE -> depth++;
                case RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> depth--;
                default -> {}
            }
            if (depth < 0) {
                break; // the ) that closes KEYWORD(…)
            }
            if (depth == 0 && token.kind() == TokenKind.COMMA) {
                count++;
                item = false;
            } else if (token.kind() != TokenKind.NEWLINE) {
                item = true;
            }
        }
        return count + (item ? 1 : 0);
    }

    /**
     * The bare upper-case words a call writes outside brackets from a lookahead position to the end of
     * its line: the clause words that pick between declarations of one name ({@code FILL t, d TO p}).
     */
    static java.util.Set<String> wordsAhead(ParseContext ctx, int ahead) {
        java.util.Set<String> words = new java.util.HashSet<>();
        int depth = 0;
        for (int k = ahead; k < ahead + MAX_LOOKAHEAD; k++) {
            Token token = ctx.peek(k);
            if (token.kind() == TokenKind.END_OF_INPUT || (depth == 0 && (token.endsLine() || token.is("ELSE")))) {
                break;
            }
            switch (token.kind()) {
                case LEFT_PAREN, LEFT_BRACKET, LEFT_BRACE, HASH_BRACE -> depth++;
                case RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> depth--;
                case IDENTIFIER -> {
                    if (depth == 0) {
                        words.add(token.upper());
                    }
                }
                default -> {}
            }
        }
        return words;
    }

    /**
     * The name of an unknown keyword: the first word (in any case when {@code firstAnyCase}), then
     * the following words written in upper case that stand bare, not as operands ({@code SET BOT
     * MEMORY "k", v} names {@code SET BOT MEMORY}). A word followed by {@code (…)} that ends the line
     * belongs to the name ({@code GET BOT MEMORY("k")}).
     */
    static List<Token> nameRun(ParseContext ctx, int ahead, boolean firstAnyCase) {
        List<Token> run = new ArrayList<>();
        run.add(ctx.peek(ahead));
        int k = ahead + 1;
        while (run.size() < MAX_NAME_WORDS) {
            Token word = ctx.peek(k);
            if (!word.isUpperCaseName()
                    || Words.OPERATORS.contains(word.upper())
                    || Words.STRUCTURAL.contains(word.upper())
                    || Words.LITERALS.contains(word.upper())) {
                break;
            }
            TokenKind after = ctx.peek(k + 1).kind();
            if (after == TokenKind.DOT
                    || after == TokenKind.QUESTION_DOT
                    || after == TokenKind.LEFT_BRACKET
                    || after == TokenKind.EQUAL) {
                break;
            }
            if (after == TokenKind.LEFT_PAREN) {
                if (parenGroupEndsLine(ctx, k + 1)) {
                    run.add(word);
                }
                break;
            }
            run.add(word);
            k++;
        }
        return run;
    }

    /** Whether the {@code (} at a lookahead position closes with a {@code )} that ends the line. */
    static boolean parenGroupEndsLine(ParseContext ctx, int ahead) {
        int depth = 0;
        for (int k = ahead; k < ahead + MAX_LOOKAHEAD; k++) {
            Token token = ctx.peek(k);
            switch (token.kind()) {
                case LEFT_PAREN, LEFT_BRACKET, LEFT_BRACE, HASH_BRACE -> depth++;
                case RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> {
                    if (--depth == 0) {
                        Token after = ctx.peek(k + 1);
                        return after.endsLine() || after.is("ELSE");
                    }
                }
                case END_OF_INPUT -> {
                    return false;
                }
                default -> {}
            }
        }
        return false;
    }

    static String join(List<Token> words) {
        StringJoiner name = new StringJoiner(" ");
        for (Token word : words) {
            name.add(word.upper());
        }
        return name.toString();
    }

    /** Whether the statement ends here: a line end, or ELSE in a one-line IF. */
    boolean atStatementEnd(boolean oneLine) {
        Token token = ctx.peek();
        if (embedded) {
            return ExpressionParser.endsEmbeddedArguments(token);
        }
        return token.endsLine() || (oneLine && token.is("ELSE"));
    }

    /** Set while parsing the arguments of a keyword inside an expression: a comma or bracket ends them. */
    private boolean embedded;

    /**
     * Set while parsing the arguments of a statement written {@code KEYWORD args INTO variable} ({@code
     * "INTO"}) or {@code KEYWORD args TO variable} ({@code "TO"}): the word the arguments end at.
     */
    String stopAt;

    /**
     * The arguments of a keyword written inside an expression: in parentheses right after its name,
     * or one positional argument and its clauses, up to the comma, bracket or line end that ends the
     * element it stands in ({@code { "k": FIND "t" WHERE a = 1, … }}).
     */
    List<Step.Argument> embeddedArguments(CataloguedKeyword keyword, Token nameStart) {
        boolean saved = embedded;
        embedded = true;
        try {
            return arguments(keyword, nameStart, false);
        } finally {
            embedded = saved;
        }
    }

    /**
     * Parses the arguments of a known keyword after its name and binds them to its parameters:
     * positional ones in order, separated by commas; introduced ones after their word ({@code WHERE
     * …}); or all in parentheses when {@code KEYWORD(…)} is the whole rest of the statement.
     *
     * @return the arguments in declaration order (a repeated parameter's in written order), or null
     *     when an unsupported clause was reported and the rest skipped
     */
    List<Step.Argument> arguments(CataloguedKeyword keyword, Token nameStart, boolean oneLine) {
        KeywordDefinition definition = keyword.definition();
        List<ParameterDefinition> parameters = definition.parameters();
        List<ParameterDefinition> positional = new ArrayList<>();
        Map<String, ParameterDefinition> introduced = new HashMap<>();
        for (ParameterDefinition parameter : parameters) {
            if (parameter.introducer().isPresent()) {
                introduced.put(parameter.introducer().get(), parameter);
            } else {
                positional.add(parameter);
            }
        }
        Map<String, List<Expression>> given = new HashMap<>();
        int positionalCount = 0;
        if (ctx.peek().kind() == TokenKind.LEFT_PAREN && (embedded || parenGroupEndsLine(ctx, 0))) {
            boolean inner = embedded;
            embedded = false;
            Token open = ctx.next();
            ctx.skipNewlines();
            while (!ctx.accept(TokenKind.RIGHT_PAREN)) {
                Expression value = expressions.expression();
                positionalCount = bindPositional(keyword, positional, given, positionalCount, value, nameStart);
                ctx.skipNewlines();
                if (ctx.accept(TokenKind.COMMA)) {
                    ctx.skipNewlines();
                    continue;
                }
                ctx.expect(
                        TokenKind.RIGHT_PAREN,
                        "expected ',' or ')' in the arguments opened at " + ParseContext.at(open));
                break;
            }
            embedded = inner;
        } else {
            boolean expectItem = true;
            while (!atStatementEnd(oneLine)
                    || (!embedded && continuesWithClause(oneLine, introduced))
                    || (!embedded && ClauseForms.clauseOnNextLine(ctx, keyword, oneLine, introduced.keySet()))) {
                Token token = ctx.peek();
                if (stopAt != null && !expectItem && token.is(stopAt)) {
                    break; // KEYWORD args INTO variable, KEYWORD args TO variable: the statement reads the rest
                }
                if (token.is("WITH")
                        && !expectItem
                        && ctx.peek(1).kind() == TokenKind.IDENTIFIER
                        && introduced.containsKey(ctx.peek(1).upper())) {
                    ctx.next(); // WITH CLAUSE value: the clause, introduced by WITH
                    token = ctx.peek();
                }
                ParameterDefinition clause =
                        token.kind() == TokenKind.IDENTIFIER ? introduced.get(token.upper()) : null;
                boolean dataClauses = syntax(keyword).dataClauses();
                if (clause != null && wordClauseAhead(clause, introduced, oneLine)) {
                    Expression value = wordClause(keyword, clause, given.containsKey(clause.name()));
                    given.computeIfAbsent(clause.name(), name -> new ArrayList<>())
                            .add(value);
                } else if (clause != null
                        && !clause.flag()
                        && (!endsOperand(ctx.peek(1)) || (dataClauses && ClauseForms.fieldBlockAfterWord(ctx)))) {
                    ctx.next();
                    if (ctx.peek().is("FOR") && !endsOperand(ctx.peek(1))) {
                        ctx.next();
                    }
                    if (given.containsKey(clause.name())) {
                        ctx.report(
                                DiagnosticKind.DUPLICATE_DEFINITION,
                                token.start(),
                                token.end(),
                                keyword.name() + " takes one " + token.upper() + " clause; this is the second");
                    }
                    Expression value = clause.passing() == ParameterDefinition.Passing.SOURCE_TEXT
                            ? clauseForms.sourceText(token, introduced.keySet(), oneLine || embedded)
                            : dataClauses
                                    ? clauseForms.value(
                                            clause,
                                            introduced.keySet(),
                                            positionalCount >= positional.size()
                                                    && (positional.isEmpty()
                                                            || !positional
                                                                    .getLast()
                                                                    .repeated()))
                                    : expressions.expressionStoppingAt(introduced.keySet());
                    given.computeIfAbsent(clause.name(), name -> new ArrayList<>())
                            .add(value);
                } else if (!expectItem) {
                    if (isClauseShaped(token)) {
                        unsupportedClause(keyword, token, oneLine);
                        return null;
                    }
                    throw ctx.error(
                            token, "expected ',' or the end of the line after an argument of " + keyword.name());
                } else {
                    boolean room = positionalCount < positional.size()
                            || (!positional.isEmpty() && positional.getLast().repeated());
                    if (!room && isClauseShaped(token)) {
                        unsupportedClause(keyword, token, oneLine);
                        return null;
                    }
                    boolean name = positionalCount == 0 && nameValue(keyword, positional, introduced);
                    boolean saved = expressions.equalIsSeparator;
                    expressions.equalIsSeparator = name;
                    Expression value;
                    try {
                        value = expressions.expressionStoppingAt(introduced.keySet());
                    } finally {
                        expressions.equalIsSeparator = saved;
                    }
                    positionalCount = bindPositional(keyword, positional, given, positionalCount, value, nameStart);
                    if (name && (ctx.peek().is("AS") || ctx.peek().kind() == TokenKind.EQUAL)) {
                        ctx.next(); // SET HEADER "name" AS value, SET HEADER "name" = value: a comma
                        continue;
                    }
                }
                if (!embedded && ctx.accept(TokenKind.COMMA)) {
                    ctx.skipNewlines();
                    expectItem = true;
                } else {
                    // POST TO "a,b" image, … and POST TO X AT when image, …: no comma before the next one
                    expectItem = !embedded
                            && positionalCount < syntax(keyword).spaceSeparated()
                            && positionalCount < positional.size()
                            && !atStatementEnd(oneLine)
                            && ExpressionParser.startsOperandLoosely(ctx.peek());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (ParameterDefinition parameter : parameters) {
            if (!parameter.optional() && !given.containsKey(parameter.name())) {
                missing.add(parameter
                        .introducer()
                        .map(word -> word + " " + parameter.name())
                        .orElse(parameter.name()));
            }
        }
        if (!missing.isEmpty()) {
            ctx.report(
                    DiagnosticKind.ARGUMENT_COUNT,
                    nameStart.start(),
                    ctx.lastEnd(),
                    keyword.name() + " needs " + String.join(", ", missing) + " (" + signature(definition) + ")");
        }
        List<Step.Argument> arguments = new ArrayList<>();
        for (ParameterDefinition parameter : parameters) {
            for (Expression value : given.getOrDefault(parameter.name(), List.of())) {
                arguments.add(new Step.Argument(parameter.name(), value));
            }
        }
        NamedArguments.add(ctx, definition, given, arguments);
        return arguments;
    }

    /** The keyword's syntax as its plugin declares it; a plugin that fails to answer gets the plain forms. */
    static KeywordSyntax syntax(CataloguedKeyword keyword) {
        try {
            KeywordSyntax syntax = keyword.plugin().syntax(keyword.name());
            return syntax == null ? KeywordSyntax.PLAIN : syntax;
        } catch (RuntimeException e) {
            return KeywordSyntax.PLAIN;
        }
    }

    /**
     * Whether the keyword's first two arguments may be written {@code name AS value} or {@code name =
     * value} (as General Bots scripts do: {@code SET HEADER "Accept" = "application/json"}, {@code
     * REMEMBER "po_" + id = po}): its plugin declares it ({@link KeywordSyntax#nameValuePair()}), its
     * first two positional parameters are required, the others optional, and no clause is introduced
     * by {@code AS}.
     */
    private static boolean nameValue(
            CataloguedKeyword keyword,
            List<ParameterDefinition> positional,
            Map<String, ParameterDefinition> introduced) {
        return syntax(keyword).nameValuePair()
                && positional.size() >= 2
                && positional.stream().skip(2).allMatch(ParameterDefinition::optional)
                && !positional.get(0).optional()
                && !positional.get(1).optional()
                && !positional.get(1).repeated()
                && !introduced.containsKey("AS");
    }

    /**
     * Whether the next line continues the call with one of its clauses, written {@code WITH CLAUSE
     * value} ({@code x = LLM "…"} then {@code WITH MAX_LATENCY 5000} on the next line); consumes the
     * line end and {@code WITH} when it does. {@code WITH OPTIMIZE FOR "cost"} works because a
     * {@code FOR} right after a clause word is skipped.
     */
    private boolean continuesWithClause(boolean oneLine, Map<String, ParameterDefinition> introduced) {
        if (oneLine || ctx.peek().kind() != TokenKind.NEWLINE || !ctx.peek(1).is("WITH")) {
            return false;
        }
        Token word = ctx.peek(2);
        if (word.kind() != TokenKind.IDENTIFIER || !introduced.containsKey(word.upper())) {
            return false;
        }
        ctx.next();
        ctx.next();
        return true;
    }

    private int bindPositional(
            CataloguedKeyword keyword,
            List<ParameterDefinition> positional,
            Map<String, List<Expression>> given,
            int count,
            Expression value,
            Token nameStart) {
        ParameterDefinition parameter;
        if (count < positional.size()) {
            parameter = positional.get(count);
        } else if (!positional.isEmpty() && positional.getLast().repeated()) {
            parameter = positional.getLast();
        } else {
            int size = positional.size();
            ctx.report(
                    DiagnosticKind.ARGUMENT_COUNT,
                    ctx.source.lineStart(value.span().line()) + value.span().column() - 1,
                    ctx.lastEnd(),
                    keyword.name() + " takes "
                            + (size == 0
                                    ? "no arguments"
                                    : "at most " + size + (size == 1 ? " argument" : " arguments"))
                            + " (" + signature(keyword.definition())
                            + "); this one is too many");
            throw ParseError.INSTANCE;
        }
        given.computeIfAbsent(parameter.name(), name -> new ArrayList<>()).add(value);
        return count + 1;
    }

    /** {@code WORD operand}: looks like a clause the keyword does not declare. */
    private boolean isClauseShaped(Token token) {
        return token.isUpperCaseName()
                && !Words.OPERATORS.contains(token.upper())
                && !Words.LITERALS.contains(token.upper())
                && ExpressionParser.startsOperandLoosely(ctx.peek(1));
    }

    private void unsupportedClause(CataloguedKeyword keyword, Token clause, boolean oneLine) {
        String subject = keyword.name() + " " + clause.upper();
        boolean resultTo = clause.is("TO")
                && ctx.peek(1).kind() == TokenKind.IDENTIFIER
                && (ctx.peek(2).endsLine() || (oneLine && ctx.peek(2).is("ELSE")));
        String message = resultTo && keyword.definition().form() == io.basicflow.spi.KeywordForm.FUNCTION
                ? keyword.name() + " has no TO clause, and its plugin does not declare that it gives its value to"
                        + " TO variable: write " + ctx.peek(1).text() + " = " + keyword.name() + " … instead ("
                        + keyword.name() + " takes " + signature(keyword.definition()) + ")"
                : keyword.name() + " has no " + clause.upper() + " clause: no installed plugin provides it ("
                        + keyword.name() + " takes " + signature(keyword.definition()) + ")";
        ctx.sink.report(DiagnosticKind.UNSUPPORTED_CLAUSE, clause.start(), clause.end(), message, subject);
        skipLenient(oneLine);
    }

    /** Whether a token after a clause word shows it is used as a variable, not as the clause. */
    private static boolean endsOperand(Token token) {
        return switch (token.kind()) {
            case NEWLINE,
                    END_OF_INPUT,
                    COMMA,
                    EQUAL,
                    DOT,
                    QUESTION_DOT,
                    LEFT_BRACKET,
                    PLUS,
                    STAR,
                    SLASH,
                    CARET,
                    AMPERSAND,
                    RIGHT_PAREN -> true;
            default -> false;
        };
    }

    /** Parses and drops everything up to the end of the statement, leniently. */
    void skipLenient(boolean oneLine) {
        boolean saved = expressions.lenient;
        expressions.lenient = true;
        try {
            while (!atStatementEnd(oneLine)) {
                if (ctx.accept(TokenKind.COMMA)) {
                    ctx.skipNewlines();
                    continue;
                }
                expressions.expr();
            }
        } finally {
            expressions.lenient = saved;
        }
    }

    /**
     * Whether the clause word at the cursor is a flag or a clause of words: a flag only when the
     * argument ends after it ({@code WRITE p, APPEND(list, x)} calls the function {@code APPEND}).
     */
    private boolean wordClauseAhead(
            ParameterDefinition clause, Map<String, ParameterDefinition> introduced, boolean oneLine) {
        if (!clause.words().isEmpty()) {
            return true;
        }
        if (!clause.flag()) {
            return false;
        }
        Token after = ctx.peek(1);
        return after.endsLine()
                || after.kind() == TokenKind.COMMA
                || (oneLine && after.is("ELSE"))
                || (embedded && ExpressionParser.endsEmbeddedArguments(after))
                || (after.kind() == TokenKind.IDENTIFIER && introduced.containsKey(after.upper()));
    }

    /**
     * A flag ({@code RECURSIVE}: {@code TRUE}) or a clause of words ({@code AS TABLE}: the text {@code
     * "TABLE"}), its introducer at the cursor.
     */
    private Expression wordClause(CataloguedKeyword keyword, ParameterDefinition clause, boolean twice) {
        Token word = ctx.next();
        if (twice) {
            ctx.report(
                    DiagnosticKind.DUPLICATE_DEFINITION,
                    word.start(),
                    word.end(),
                    keyword.name() + " takes one " + word.upper() + " clause; this is the second");
        }
        if (clause.flag()) {
            return ctx.expression(new Expr.Literal(BooleanValue.TRUE), word.start(), word.end());
        }
        Token value = ctx.peek();
        if (value.kind() != TokenKind.IDENTIFIER || !clause.words().contains(value.upper())) {
            throw ctx.error(
                    value,
                    keyword.name() + " " + word.upper() + " takes " + String.join(" or ", clause.words())
                            + " (" + word.upper() + " " + String.join(", " + word.upper() + " ", clause.words())
                            + ")");
        }
        ctx.next();
        return ctx.expression(new Expr.Literal(new TextValue(value.upper())), word.start(), value.end());
    }

    /** The parameters of a keyword as a message shows them: {@code to, subject, body}. */
    static String signature(KeywordDefinition definition) {
        if (definition.parameters().isEmpty()) {
            return "no arguments";
        }
        StringJoiner out = new StringJoiner(", ");
        for (ParameterDefinition parameter : definition.parameters()) {
            String name = parameter
                    .introducer()
                    .map(word -> parameter.flag()
                            ? word
                            : parameter.words().isEmpty()
                                    ? word + " " + parameter.name()
                                    : word + " " + String.join("|", parameter.words()))
                    .orElse(parameter.name());
            if (parameter.repeated()) {
                name = name + "…";
            }
            out.add(parameter.optional() ? "[" + name + "]" : name);
        }
        return out.toString();
    }
}
