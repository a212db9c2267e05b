package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.Lexer;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expr.BinaryOperator;
import io.basicflow.spi.program.Expr.UnaryOperator;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Pratt parser for expressions, string templates and list/map literals. Precedence, loosest first:
 * {@code ? :}; {@code OR ||}; {@code AND &&}; {@code NOT}; comparisons ({@code = == <> != < <= > >=},
 * {@code IS [NOT] NULL}, {@code CONTAINS}); {@code + - &}; {@code * / \ MOD}; {@code ^}; unary
 * {@code -}; postfix member, index and call.
 *
 * <p>Besides strict expressions it knows three looser shapes that real scripts use: a known function
 * called without parentheses ({@code FORMAT NOW() AS "YYYY"}, arguments bind tightest); a keyword
 * written inside an expression ({@code { "ip": GET SESSION "ip" }}), which is reported, because
 * keywords with effects may only be the whole right-hand side of an assignment; and the lenient mode
 * used for the arguments of unknown keywords, where expressions may simply follow each other.
 */
final class ExpressionParser {

    /** How deeply expressions may nest before the parser reports instead of recursing further. */
    static final int MAX_DEPTH = 150;

    /** How many binary operators may follow each other: each one makes the tree one level deeper. */
    static final int MAX_CHAIN = 1_000;

    private static final int TERNARY = 0;
    private static final int OR = 1;
    private static final int AND = 2;
    private static final int COMPARISON = 4;
    private static final int ADDITIVE = 5;
    private static final int MULTIPLICATIVE = 6;
    private static final int POWER = 7;

    private static final Expr NULL_LITERAL = new Expr.Literal(NullValue.NULL);

    private final ParseContext ctx;
    private int depth;

    /** Arguments of unknown keywords: no checks, expressions may follow each other. */
    boolean lenient;

    /** TALK, TALK TO, BEGIN TALK and HEAR prompts: {@code {name}} interpolates in strings. */
    boolean braces;

    /** The introducer words of the keyword whose arguments are being parsed. */
    Set<String> clauseStops = Set.of();

    /** Set by an assignment: a known function written without parentheses may take commas. */
    boolean commaArgumentsOnce;

    /** Effect keywords inside expressions, hoisted into steps of their own; set by the statement parser. */
    EffectHoisting hoisting;

    /** The keyword argument parser hoisted calls use; set with {@link #hoisting}. */
    KeywordCalls keywordCalls;

    private boolean hoistingAllowed(CataloguedKeyword keyword) {
        return hoisting != null && !lenient && hoisting.allowed(keyword);
    }

    /** Parses what is evaluated only sometimes (right of AND/OR, a branch): nothing is hoisted from it. */
    private <T> T conditionally(java.util.function.Supplier<T> part) {
        if (hoisting == null) {
            return part.get();
        }
        List<io.basicflow.spi.program.Step> saved = hoisting.suspend();
        try {
            return part.get();
        } finally {
            hoisting.resume(saved);
        }
    }

    ExpressionParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** Parses a whole expression and keeps its text and span. */
    Expression expression() {
        ctx.tokens.rescanSingleQuoted(ctx.text);
        int start = ctx.peek().start();
        Expr tree = expr();
        return ctx.expression(tree, start, ctx.lastEnd());
    }

    /** Parses a whole expression, with {@code {name}} interpolation in its strings. */
    Expression messageExpression() {
        boolean saved = braces;
        braces = true;
        try {
            return expression();
        } finally {
            braces = saved;
        }
    }

    /** Parses a whole expression; introducer words of a keyword end it. */
    Expression expressionStoppingAt(Set<String> stops) {
        Set<String> saved = clauseStops;
        clauseStops = stops;
        try {
            return expression();
        } finally {
            clauseStops = saved;
        }
    }

    /** A whole expression tree, including {@code c ? a : b}. */
    Expr expr() {
        enter();
        try {
            Expr condition = binary(OR);
            Token question = ctx.peek();
            while (question.kind() == TokenKind.QUESTION
                    && ctx.peek(1).kind() == TokenKind.QUESTION
                    && ctx.peek(1).start() == question.end()) {
                // a ?? b: a, or b when a is NULL (COALESCE)
                ctx.next();
                ctx.next();
                condition = call(
                        question, "COALESCE", List.of(condition, conditionally(() -> binary(OR))), "the '??' operator");
                question = ctx.peek();
            }
            if (question.kind() == TokenKind.QUESTION) {
                ctx.next();
                Expr whenTrue = conditionally(this::expr);
                ctx.expect(TokenKind.COLON, "expected ':' in the conditional expression 'condition ? a : b'");
                Expr whenFalse = conditionally(this::expr);
                condition = call(question, "IIF", List.of(condition, whenTrue, whenFalse), "the '? :' operator");
            }
            if (lenient) {
                while (startsJuxtaposed(ctx.peek())) {
                    binary(OR);
                }
            }
            return condition;
        } finally {
            depth--;
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            depth--;
            Token token = ctx.peek();
            ctx.report(
                    DiagnosticKind.NESTED_TOO_DEEPLY,
                    token.start(),
                    token.end(),
                    "expression nested too deeply (more than " + MAX_DEPTH + " levels); split it into several"
                            + " assignments");
            throw ParseError.INSTANCE;
        }
    }

    /** Set while parsing the name of {@code SET HEADER name = value}: '=' separates, it does not compare. */
    boolean equalIsSeparator;

    /** Set while parsing a data keyword's WHERE clause, where {@code column IN [a, b]} is a condition. */
    boolean inIsOperator;

    /**
     * Inside a data keyword's {@code WHERE}: a call of one of {@link ClauseForms#COLUMN_FUNCTIONS} around
     * a bare name ({@code DATE(created_at)}) is a function on a column, not reported as unknown here
     * ({@link ClauseForms#where} reports it when the clause is not a condition over columns).
     */
    boolean columnFunctions;

    /** Set while parsing a PARAM's DEFAULT value, where LIKE starts the next clause, not a pattern match. */
    boolean likeIsClause;

    private Expr binary(int minPrecedence) {
        Expr left = prefix();
        int operators = 0;
        while (true) {
            Token token = ctx.peek();
            int precedence = (token.is("LIKE") && likeIsClause) || (equalIsSeparator && token.kind() == TokenKind.EQUAL)
                    ? -1
                    : (inIsOperator || membershipFollows(token)) && token.is("IN") ? COMPARISON : precedence(token);
            if (precedence < minPrecedence || precedence < 0) {
                return left;
            }
            if (++operators > MAX_CHAIN) {
                ctx.report(
                        DiagnosticKind.NESTED_TOO_DEEPLY,
                        token.start(),
                        token.end(),
                        "expression too long (more than " + MAX_CHAIN + " operators in a row); split it into several"
                                + " assignments");
                throw ParseError.INSTANCE;
            }
            ctx.next();
            if (token.is("IN") && !inIsOperator) {
                left = membership(token, left);
                continue;
            }
            if (token.is("BETWEEN")) {
                left = between(left);
                continue;
            }
            if (token.is("IS")) {
                boolean not = ctx.acceptWord("NOT");
                ctx.expectWord("NULL", "expected NULL or NOT NULL after IS");
                left = new Expr.Unary(not ? UnaryOperator.IS_NOT_NULL : UnaryOperator.IS_NULL, left);
                continue;
            }
            int next = precedence + 1;
            Expr right = precedence == OR || precedence == AND ? conditionally(() -> binary(next)) : binary(next);
            if (token.is("XOR")) {
                // a XOR b: whether exactly one is true, each read as CBOOL reads it
                left = new Expr.Binary(
                        BinaryOperator.NOT_EQUAL,
                        call(token, "CBOOL", List.of(left), "the XOR operator"),
                        call(token, "CBOOL", List.of(right), "the XOR operator"));
            } else if (token.is("CONTAINS")) {
                left = call(token, "CONTAINS", List.of(left, right), "the CONTAINS operator");
            } else if (token.is("LIKE")) {
                left = call(token, "LIKE", List.of(left, right), "the LIKE operator");
            } else if (token.is("IN")) {
                left = new Expr.Call("IN", List.of(left, right)); // read by ClauseForms only
            } else {
                left = new Expr.Binary(operator(token), left, right);
            }
        }
    }

    /**
     * Whether an {@code IN} outside a data clause is the membership operator: followed by a list in
     * parentheses or brackets ({@code value IN (1, 2, 3)}, {@code value IN ["a", "b"]}) and not a clause
     * word of the statement being read.
     */
    private boolean membershipFollows(Token in) {
        TokenKind next = ctx.peek(1).kind();
        return in.is("IN")
                && !clauseStops.contains("IN")
                && (next == TokenKind.LEFT_PAREN || next == TokenKind.LEFT_BRACKET);
    }

    /**
     * {@code value IN (a, b, c)}: whether value equals one of them as {@code =} compares ({@code
     * CONTAINS([a, b, c], value)}); {@code value IN [..]} or {@code IN (list)} with a list expression in
     * brackets: the same over that list.
     */
    private Expr membership(Token in, Expr value) {
        Expr set;
        if (ctx.peek().kind() == TokenKind.LEFT_PAREN) {
            ctx.next();
            List<Expr> items = new ArrayList<>();
            ctx.skipNewlines();
            if (ctx.peek().kind() != TokenKind.RIGHT_PAREN) {
                do {
                    ctx.skipNewlines();
                    items.add(binary(OR));
                    ctx.skipNewlines();
                } while (ctx.accept(TokenKind.COMMA));
            }
            ctx.expect(TokenKind.RIGHT_PAREN, "expected ')' after the values of IN (…)");
            set = new Expr.ListLiteral(items);
        } else {
            set = binary(COMPARISON + 1);
        }
        return call(in, "CONTAINS", List.of(set, value), "the IN operator");
    }

    /** {@code value BETWEEN low AND high}: {@code value >= low AND value <= high}, both ends included. */
    private Expr between(Expr value) {
        Expr low = binary(COMPARISON + 1);
        ctx.expectWord("AND", "expected AND between the two ends of BETWEEN (x BETWEEN 1 AND 10)");
        Expr high = binary(COMPARISON + 1);
        return new Expr.Binary(
                BinaryOperator.AND,
                new Expr.Binary(BinaryOperator.GREATER_OR_EQUAL, value, low),
                new Expr.Binary(BinaryOperator.LESS_OR_EQUAL, value, high));
    }

    private static int precedence(Token token) {
        return switch (token.kind()) {
            case OR_OR -> OR;
            case AND_AND -> AND;
            case EQUAL, EQUAL_EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> COMPARISON;
            case PLUS, MINUS, AMPERSAND -> ADDITIVE;
            case STAR, SLASH, BACKSLASH -> MULTIPLICATIVE;
            case CARET -> POWER;
            case IDENTIFIER ->
                switch (token.upper()) {
                    case "OR", "XOR" -> OR;
                    case "AND" -> AND;
                    case "IS", "CONTAINS", "LIKE", "BETWEEN" -> COMPARISON;
                    case "MOD" -> MULTIPLICATIVE;
                    default -> -1;
                };
            default -> -1;
        };
    }

    private static BinaryOperator operator(Token token) {
        return switch (token.kind()) {
            case OR_OR -> BinaryOperator.OR;
            case AND_AND -> BinaryOperator.AND;
            case EQUAL, EQUAL_EQUAL -> BinaryOperator.EQUAL;
            case NOT_EQUAL -> BinaryOperator.NOT_EQUAL;
            case LESS -> BinaryOperator.LESS;
            case LESS_EQUAL -> BinaryOperator.LESS_OR_EQUAL;
            case GREATER -> BinaryOperator.GREATER;
            case GREATER_EQUAL -> BinaryOperator.GREATER_OR_EQUAL;
            case PLUS -> BinaryOperator.ADD;
            case MINUS -> BinaryOperator.SUBTRACT;
            case AMPERSAND -> BinaryOperator.CONCAT;
            case STAR -> BinaryOperator.MULTIPLY;
            case SLASH -> BinaryOperator.DIVIDE;
            case BACKSLASH -> BinaryOperator.INTEGER_DIVIDE;
            case CARET -> BinaryOperator.POWER;
            default ->
                switch (token.upper()) {
                    case "OR" -> BinaryOperator.OR;
                    case "AND" -> BinaryOperator.AND;
                    default -> BinaryOperator.MODULO;
                };
        };
    }

    private Expr prefix() {
        Token token = ctx.peek();
        if (token.is("NOT")) {
            enter();
            try {
                ctx.next();
                return new Expr.Unary(UnaryOperator.NOT, binary(COMPARISON));
            } finally {
                depth--;
            }
        }
        return unary();
    }

    /** Unary minus and plus, then postfix: {@code -2 ^ 2} is {@code (-2) ^ 2}. */
    private Expr unary() {
        Token token = ctx.peek();
        if (token.kind() == TokenKind.MINUS || token.kind() == TokenKind.PLUS) {
            enter();
            try {
                ctx.next();
                Expr operand = unary();
                if (token.kind() == TokenKind.PLUS) {
                    return operand;
                }
                if (operand instanceof Expr.Literal literal && literal.value() instanceof NumberValue number) {
                    return new Expr.Literal(NumberValue.of(number.toBigDecimal().negate()));
                }
                return new Expr.Unary(UnaryOperator.NEGATE, operand);
            } finally {
                depth--;
            }
        }
        return postfix();
    }

    private Expr postfix() {
        Expr target = primary();
        while (true) {
            Token token = ctx.peek();
            switch (token.kind()) {
                case DOT, QUESTION_DOT -> {
                    ctx.next();
                    Token name = ctx.peek();
                    if (name.kind() != TokenKind.IDENTIFIER && name.kind() != TokenKind.NUMBER) {
                        throw ctx.error(name, "expected a member name after '" + token.text() + "'");
                    }
                    ctx.next();
                    if (ctx.peek().kind() == TokenKind.LEFT_PAREN && ctx.peek().start() == name.end()) {
                        Token open = ctx.next();
                        List<Expr> arguments = new ArrayList<>();
                        arguments.add(target);
                        arguments.addAll(arguments(open));
                        target = call(name, name.upper(), arguments, null);
                    } else {
                        target = new Expr.Member(target, name.text());
                    }
                }
                case LEFT_BRACKET -> {
                    if (lenient && token.start() > ctx.lastEnd()) {
                        // POST TO INSTAGRAM [a, b]: in an unknown keyword's arguments a spaced '[' is a list
                        return target;
                    }
                    Token open = ctx.next();
                    ctx.skipNewlines();
                    Expr index = expr();
                    ctx.skipNewlines();
                    ctx.expect(TokenKind.RIGHT_BRACKET, "expected ']' to close the '[' at " + ParseContext.at(open));
                    target = new Expr.Index(target, index);
                }
                default -> {
                    return target;
                }
            }
        }
    }

    private Expr primary() {
        boolean commas = commaArgumentsOnce;
        commaArgumentsOnce = false;
        Token token = ctx.peek();
        switch (token.kind()) {
            case NUMBER -> {
                ctx.next();
                return number(token);
            }
            case STRING -> {
                ctx.next();
                return string(token);
            }
            case LEFT_PAREN -> {
                ctx.next();
                if (lenient) {
                    // the arguments of an unknown keyword: (a, b) is a group, whatever it means
                    List<Expr> group = arguments(token);
                    return group.isEmpty() ? NULL_LITERAL : group.getFirst();
                }
                ctx.skipNewlines();
                Expr inner = expr();
                ctx.skipNewlines();
                ctx.expect(TokenKind.RIGHT_PAREN, "expected ')' to close the '(' at " + ParseContext.at(token));
                return inner;
            }
            case LEFT_BRACKET -> {
                return list();
            }
            case LEFT_BRACE, HASH_BRACE -> {
                return map();
            }
            case IDENTIFIER -> {
                return name(token, commas);
            }
            case NEWLINE, END_OF_INPUT -> {
                if (GrammarForms.fieldBlockFollows(ctx)) {
                    return GrammarForms.fieldBlock(ctx, this);
                }
                if (ctx.tokens.rescanSingleQuoted(ctx.text)) {
                    Token string = ctx.next();
                    return string(string);
                }
                throw ctx.error(token, "expected an expression");
            }
            case INVALID -> {
                Token brace = ctx.peek(1);
                if (token.text().equals("$")
                        && (brace.kind() == TokenKind.LEFT_BRACE || brace.kind() == TokenKind.HASH_BRACE)
                        && brace.start() == token.end()) {
                    // ${expr} where a value stands: the expression itself, as inside a string
                    ctx.next();
                    ctx.next();
                    ctx.skipNewlines();
                    Expr inner = expr();
                    ctx.skipNewlines();
                    ctx.expect(TokenKind.RIGHT_BRACE, "expected '}' to close the '${' at " + ParseContext.at(token));
                    return inner;
                }
                throw ctx.error(token, "expected an expression");
            }
            default -> throw ctx.error(token, "expected an expression");
        }
    }

    private Expr name(Token token, boolean commas) {
        String upper = token.upper();
        Expr special = GrammarForms.operand(ctx, token, this);
        if (special != null) {
            return special;
        }
        switch (upper) {
            case "TRUE" -> {
                ctx.next();
                return new Expr.Literal(BooleanValue.TRUE);
            }
            case "FALSE" -> {
                ctx.next();
                return new Expr.Literal(BooleanValue.FALSE);
            }
            case "NULL" -> {
                ctx.next();
                return NULL_LITERAL;
            }
            case "AND", "OR", "MOD", "IS", "THEN", "ELSE", "ELSEIF" -> {
                if (!lenient) {
                    throw ctx.error(token, "expected an expression");
                }
            }
            default -> {}
        }
        Token after = ctx.peek(1);
        if (after.kind() == TokenKind.LEFT_PAREN) {
            if (hoisting != null && !lenient && hoistableCall(upper)) {
                return keywordInExpression(token); // FIND(…) inside an expression: hoisted
            }
            return call(token);
        }
        if (!lenient && startsOperandStrictly(after)) {
            if (ctx.catalogue.function(upper).isPresent()) {
                return callWithoutParentheses(token, commas);
            }
            if (token.isUpperCaseName()) {
                return keywordInExpression(token);
            }
        }
        ctx.next();
        return new Expr.Variable(token.text().toLowerCase(Locale.ROOT));
    }

    /** {@code NAME(args)}: a pure function; anything else with parentheses is reported. */
    private Expr call(Token name) {
        ctx.next();
        Token open = ctx.next();
        boolean lazy = name.upper().equals("IIF")
                || ctx.catalogue
                        .function(name.upper())
                        .map(function ->
                                function.implementation() == io.basicflow.compiler.evaluation.Evaluator.CONDITIONAL)
                        .orElse(false);
        List<Expr> arguments = lazy ? conditionally(() -> arguments(open)) : arguments(open);
        return call(name, name.upper(), arguments, null);
    }

    /**
     * Checks a call of a function: that it exists and takes that many arguments. Script procedures
     * and keywords are reported here, since they cannot run inside an expression.
     */
    private Expr call(Token at, String function, List<Expr> arguments, String introducedBy) {
        Expr call = new Expr.Call(function, arguments);
        if (lenient) {
            return call;
        }
        FunctionDefinition definition = ctx.catalogue.function(function).orElse(null);
        if (definition != null) {
            int count = arguments.size();
            if (count < definition.minimumArguments() || count > definition.maximumArguments()) {
                ctx.report(
                        DiagnosticKind.ARGUMENT_COUNT,
                        at.start(),
                        at.end(),
                        function + " takes " + arity(definition.minimumArguments(), definition.maximumArguments())
                                + ", but " + count + (count == 1 ? " is" : " are") + " given");
            }
            return call;
        }
        if (columnFunctions
                && ClauseForms.COLUMN_FUNCTIONS.contains(function)
                && arguments.size() == 1
                && arguments.getFirst() instanceof Expr.Variable) {
            return call;
        }
        String lower = function.toLowerCase(Locale.ROOT);
        if (introducedBy == null && ctx.outline.isProcedure(lower)) {
            ctx.report(
                    DiagnosticKind.CALL_IN_EXPRESSION,
                    at.start(),
                    at.end(),
                    "the script's procedure " + lower + " cannot be called inside an expression: call it as the whole"
                            + " right-hand side of an assignment (x = " + lower + "(…)) or with CALL");
            return call;
        }
        CataloguedKeyword keyword = ctx.catalogue.keyword(function).orElse(null);
        if (keyword != null) {
            ctx.report(DiagnosticKind.CALL_IN_EXPRESSION, at.start(), at.end(), keywordInExpressionMessage(keyword));
            return call;
        }
        if (introducedBy != null) {
            ctx.sink.report(
                    DiagnosticKind.UNKNOWN_FUNCTION,
                    at.start(),
                    at.end(),
                    introducedBy + " needs the function " + function + ", which no installed plugin provides",
                    function);
        } else {
            ctx.sink.report(
                    DiagnosticKind.UNKNOWN_FUNCTION,
                    at.start(),
                    at.end(),
                    "unknown function \"" + function + "\": no installed plugin provides it",
                    function);
        }
        return call;
    }

    static String arity(int minimum, int maximum) {
        if (minimum == maximum) {
            return minimum + (minimum == 1 ? " argument" : " arguments");
        }
        if (maximum == Integer.MAX_VALUE) {
            return "at least " + minimum + (minimum == 1 ? " argument" : " arguments");
        }
        return minimum + " to " + maximum + " arguments";
    }

    /**
     * {@code FORMAT NOW() AS "YYYY"}: a known function written like a keyword. Its arguments bind
     * tightest and are separated by {@code AS}, or by commas when it is the whole right-hand side of an
     * assignment ({@code x = MAX a, b}).
     */
    private Expr callWithoutParentheses(Token name, boolean commas) {
        ctx.next();
        List<Expr> arguments = new ArrayList<>();
        arguments.add(unary());
        while (ctx.peek().is("AS") || (commas && ctx.peek().kind() == TokenKind.COMMA)) {
            ctx.next();
            ctx.skipNewlines();
            arguments.add(unary());
        }
        FunctionDefinition definition = ctx.catalogue.function(name.upper()).orElse(null);
        int count = arguments.size();
        if (!lenient
                && definition != null
                && (count < definition.minimumArguments() || count > definition.maximumArguments())) {
            // Written as a keyword (no parentheses) with arguments the function cannot take: the script
            // means a keyword of that name (JOIN orders, customers, "id" joins data sets), which a plugin
            // would provide; it is not the built-in function.
            ctx.sink.report(
                    DiagnosticKind.UNKNOWN_KEYWORD,
                    name.start(),
                    name.end(),
                    "unknown keyword " + name.upper() + " with " + count + (count == 1 ? " argument" : " arguments")
                            + ": no installed plugin provides it (the built-in function " + name.upper() + " takes "
                            + arity(definition.minimumArguments(), definition.maximumArguments()) + ")",
                    name.upper());
            return new Expr.Call(name.upper(), arguments);
        }
        return call(name, name.upper(), arguments, null);
    }

    /**
     * An upper-case name followed by an operand inside an expression: a keyword call such as {@code
     * GET SESSION "id"}. Known keywords have effects and are not allowed here; unknown ones are reported
     * as unknown. Its arguments are skipped up to the end of the enclosing element.
     */
    private Expr keywordInExpression(Token first) {
        CataloguedKeyword keyword = KeywordCalls.match(ctx, 0);
        int start = first.start();
        String name;
        if (keyword != null) {
            name = keyword.name();
            for (int i = 0; i < keyword.words().size(); i++) {
                ctx.next();
            }
            if (hoistingAllowed(keyword)) {
                return hoisting.hoist(keyword, first, keywordCalls);
            }
            ctx.report(DiagnosticKind.CALL_IN_EXPRESSION, start, ctx.lastEnd(), keywordInExpressionMessage(keyword));
        } else {
            List<Token> run = KeywordCalls.nameRun(ctx, 0, false);
            name = KeywordCalls.join(run);
            for (int i = 0; i < run.size(); i++) {
                ctx.next();
            }
            ctx.sink.report(
                    DiagnosticKind.UNKNOWN_KEYWORD,
                    start,
                    ctx.lastEnd(),
                    "unknown keyword " + name + ": no installed plugin provides it",
                    name);
        }
        boolean saved = lenient;
        lenient = true;
        try {
            // up to the end of the element the keyword stands in: a comma, a bracket, the line end
            while (!endsEmbeddedArguments(ctx.peek())) {
                expr();
            }
        } finally {
            lenient = saved;
        }
        return NULL_LITERAL;
    }

    /** Whether {@code NAME(…)} here is a keyword call that can be hoisted, not a function's. */
    private boolean hoistableCall(String upper) {
        if (ctx.catalogue.function(upper).isPresent() || ctx.outline.isProcedure(upper.toLowerCase(Locale.ROOT))) {
            return false;
        }
        CataloguedKeyword keyword = KeywordCalls.match(ctx, 0);
        return keyword != null && keyword.words().size() == 1 && hoisting.allowed(keyword);
    }

    /** Why a keyword cannot stand inside an expression: expressions only call pure functions. */
    static String keywordInExpressionMessage(CataloguedKeyword keyword) {
        String name = keyword.name();
        String what = keyword.definition().effect() == io.basicflow.spi.EffectKind.PURE
                ? " is a keyword, not a function"
                : " is a keyword with effects";
        return name + what + ": it may only be the whole right-hand side of an assignment (x = " + name + " …), not"
                + " part of an expression evaluated only sometimes or repeatedly (a loop's or ELSEIF's condition,"
                + " a CASE, a FOR header, after AND/OR, in IIF or ? :); assign it to a variable first";
    }

    static boolean endsEmbeddedArguments(Token token) {
        return switch (token.kind()) {
            case NEWLINE, END_OF_INPUT, COMMA, RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE, COLON -> true;
            case IDENTIFIER -> Words.EMBEDDED_STOPS.contains(token.upper());
            default -> false;
        };
    }

    /** Whether a token, after an upper-case name, makes that name a keyword call. */
    boolean startsOperandStrictly(Token token) {
        return switch (token.kind()) {
            case STRING, NUMBER, HASH_BRACE, LEFT_BRACE -> true;
            case IDENTIFIER -> !Words.CLAUSES.contains(token.upper()) && !clauseStops.contains(token.upper());
            default -> false;
        };
    }

    /** Whether a token starts an operand, at the start of a statement or right-hand side. */
    static boolean startsOperandLoosely(Token token) {
        return switch (token.kind()) {
            case STRING, NUMBER, HASH_BRACE, LEFT_BRACE -> true;
            case IDENTIFIER -> !Words.OPERATORS.contains(token.upper()) && !Words.STRUCTURAL.contains(token.upper());
            default -> false;
        };
    }

    /** In lenient mode: whether another expression follows without a separator. */
    private static boolean startsJuxtaposed(Token token) {
        return switch (token.kind()) {
            case STRING, NUMBER, HASH_BRACE, LEFT_BRACE, LEFT_PAREN, LEFT_BRACKET -> true;
            case IDENTIFIER -> !Words.STRUCTURAL.contains(token.upper());
            default -> false;
        };
    }

    private List<Expr> arguments(Token open) {
        List<Expr> arguments = new ArrayList<>();
        ctx.skipNewlines();
        if (ctx.accept(TokenKind.RIGHT_PAREN)) {
            return arguments;
        }
        while (true) {
            arguments.add(expr());
            ctx.skipNewlines();
            if (ctx.accept(TokenKind.COMMA)) {
                ctx.skipNewlines();
                continue;
            }
            ctx.expect(
                    TokenKind.RIGHT_PAREN,
                    "expected ',' or ')' in the argument list opened at " + ParseContext.at(open));
            return arguments;
        }
    }

    private Expr list() {
        Token open = ctx.next();
        List<Expr> elements = new ArrayList<>();
        ctx.skipNewlines();
        while (!ctx.accept(TokenKind.RIGHT_BRACKET)) {
            elements.add(expr());
            ctx.skipNewlines();
            if (ctx.accept(TokenKind.COMMA)) {
                ctx.skipNewlines();
                continue;
            }
            ctx.expect(TokenKind.RIGHT_BRACKET, "expected ',' or ']' in the list opened at " + ParseContext.at(open));
            break;
        }
        return new Expr.ListLiteral(elements);
    }

    private Expr map() {
        Token open = ctx.next();
        List<Expr.MapEntry> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        ctx.skipNewlines();
        while (!ctx.accept(TokenKind.RIGHT_BRACE)) {
            Token keyToken = ctx.peek();
            String key = switch (keyToken.kind()) {
                case STRING -> plainText(keyToken);
                case IDENTIFIER, NUMBER -> keyToken.text();
                default ->
                    throw ctx.error(
                            keyToken,
                            "expected a key (a name or a string) in the map opened at " + ParseContext.at(open));
            };
            ctx.next();
            ctx.expect(TokenKind.COLON, "expected ':' after the key \"" + key + "\"");
            ctx.skipNewlines();
            Expr value = expr();
            if (!keys.add(key) && !lenient) {
                ctx.report(
                        DiagnosticKind.DUPLICATE_DEFINITION,
                        keyToken.start(),
                        keyToken.end(),
                        "the key \"" + key + "\" appears twice in the map opened at " + ParseContext.at(open));
            }
            entries.add(new Expr.MapEntry(key, value));
            ctx.skipNewlines();
            if (ctx.accept(TokenKind.COMMA)) {
                ctx.skipNewlines();
                continue;
            }
            ctx.expect(TokenKind.RIGHT_BRACE, "expected ',' or '}' in the map opened at " + ParseContext.at(open));
            break;
        }
        return new Expr.MapLiteral(entries);
    }

    private Expr number(Token token) {
        String digits = token.text();
        try {
            if (digits.length() < 18 && digits.indexOf('.') < 0 && digits.indexOf('e') < 0 && digits.indexOf('E') < 0) {
                return new Expr.Literal(NumberValue.of(Long.parseLong(digits)));
            }
            BigDecimal value = new BigDecimal(digits);
            if (Math.abs((long) value.scale()) > 10_000 || value.precision() > 10_000) {
                throw new NumberFormatException("too large");
            }
            return new Expr.Literal(NumberValue.of(value));
        } catch (NumberFormatException | ArithmeticException e) {
            ctx.report(DiagnosticKind.SYNTAX, token.start(), token.end(), "the number " + digits + " is out of range");
            return NULL_LITERAL;
        }
    }

    /** A string literal as a value: its text, or a template when it interpolates. */
    Expr string(Token token) {
        if (!token.isClosedString()) {
            ctx.report(
                    DiagnosticKind.UNTERMINATED_STRING,
                    token.start(),
                    token.start() + 1,
                    "this string has no closing quote (" + token.quote() + ")");
        }
        int from = token.start() + 1;
        int to = token.isClosedString() ? token.end() - 1 : token.end();
        return template(from, to, token.quote(), true, braces);
    }

    /** The text of a string literal without interpolation, for map keys and PARAM clauses. */
    String plainText(Token token) {
        int from = token.start() + 1;
        int to = token.isClosedString() ? token.end() - 1 : token.end();
        if (!token.isClosedString()) {
            ctx.report(
                    DiagnosticKind.UNTERMINATED_STRING,
                    token.start(),
                    token.start() + 1,
                    "this string has no closing quote (" + token.quote() + ")");
        }
        StringBuilder out = new StringBuilder(to - from);
        decode(from, to, token.quote(), true, out);
        return out.toString();
    }

    private void decode(int from, int to, char quote, boolean escapes, StringBuilder out) {
        String text = ctx.text;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == quote && quote == '"' && i + 1 < to && text.charAt(i + 1) == '"') {
                out.append('"');
                i++;
            } else if (escapes && c == '\\' && i + 1 < to) {
                i += escape(text.charAt(i + 1), out);
            } else if (c == '\r' && i + 1 < to && text.charAt(i + 1) == '\n') {
                continue;
            } else {
                out.append(c);
            }
        }
    }

    /** Appends an escape's character; returns how many characters after the backslash it used. */
    private static int escape(char c, StringBuilder out) {
        switch (c) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            default -> {
                out.append('\\');
                return 0;
            }
        }
        return 1;
    }

    /**
     * A template over source text: literal text with {@code ${expr}} parts, and with {@code {name}}
     * or {@code {a.b}} parts when {@code withBraces} and the script assigns that variable somewhere.
     * A {@code ${…}} whose content does not parse as an expression stays text, as written (real
     * scripts embed template syntax of other tools, such as {@code ${{amount}}}).
     *
     * @param quote the quote character whose doubling means one quote, or 0 for raw text
     * @param escapes whether backslash escapes apply
     */
    Expr template(int from, int to, char quote, boolean escapes, boolean withBraces) {
        String text = ctx.text;
        StringBuilder literal = new StringBuilder(Math.max(0, to - from));
        List<Expr> parts = null;
        int plainUntil = -1;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < to && text.charAt(i + 1) == '{' && i > plainUntil) {
                int close = Lexer.interpolationEnd(text, i + 2, to) - 1;
                if (close > 0) {
                    Expr part = interpolation(i + 2, close);
                    if (part != null) {
                        parts = flush(parts, literal);
                        parts.add(part);
                    } else {
                        literal.append(text, i, close + 1);
                    }
                    i = close + 1;
                    continue;
                } else {
                    int lineEnd = text.indexOf('\n', i);
                    plainUntil = lineEnd < 0 || lineEnd > to ? to : lineEnd;
                }
            } else if (c == '{' && withBraces) {
                int close = pathEnd(i + 1, to);
                if (close > 0) {
                    Expr path = path(i + 1, close);
                    if (path != null) {
                        parts = flush(parts, literal);
                        parts.add(path);
                        i = close + 1;
                        continue;
                    }
                }
            } else if (quote != 0 && c == quote && quote == '"' && i + 1 < to && text.charAt(i + 1) == '"') {
                literal.append('"');
                i += 2;
                continue;
            } else if (escapes && c == '\\' && i + 1 < to) {
                i += 1 + escape(text.charAt(i + 1), literal);
                continue;
            } else if (c == '\r' && i + 1 < to && text.charAt(i + 1) == '\n') {
                i++;
                continue;
            }
            literal.append(c);
            i++;
        }
        if (parts == null) {
            return new Expr.Literal(new TextValue(literal.toString()));
        }
        if (!literal.isEmpty()) {
            parts.add(new Expr.Literal(new TextValue(literal.toString())));
        }
        return new Expr.Template(parts);
    }

    private static List<Expr> flush(List<Expr> parts, StringBuilder literal) {
        List<Expr> result = parts == null ? new ArrayList<>() : parts;
        if (!literal.isEmpty()) {
            result.add(new Expr.Literal(new TextValue(literal.toString())));
            literal.setLength(0);
        }
        return result;
    }

    /** Parses the inside of {@code ${…}}; null when it is not one complete expression. */
    private Expr interpolation(int from, int to) {
        int mark = ctx.sink.mark();
        TokenStream saved = ctx.tokens;
        boolean savedBraces = braces;
        boolean savedLenient = lenient;
        Set<String> savedStops = clauseStops;
        ctx.tokens = new TokenStream(new Lexer(ctx.source, from, to, false));
        braces = false;
        clauseStops = Set.of();
        try {
            if (ctx.peek().kind() == TokenKind.END_OF_INPUT) {
                return null;
            }
            Expr expr = expr();
            if (ctx.peek().kind() != TokenKind.END_OF_INPUT) {
                ctx.sink.rollback(mark);
                return null;
            }
            return expr;
        } catch (ParseError e) {
            ctx.sink.rollback(mark);
            return null;
        } finally {
            ctx.tokens = saved;
            braces = savedBraces;
            lenient = savedLenient;
            clauseStops = savedStops;
        }
    }

    /** After {@code {}: the offset of the {@code }} ending a name path like {@code a.b}, or -1. */
    private int pathEnd(int from, int to) {
        String text = ctx.text;
        int i = from;
        while (true) {
            if (i >= to || !Lexer.isIdentifierStart(text.charAt(i))) {
                return -1;
            }
            while (i < to && Lexer.isIdentifierPart(text.charAt(i))) {
                i++;
            }
            if (i < to && text.charAt(i) == '}') {
                return i;
            }
            if (i < to && text.charAt(i) == '.') {
                i++;
                continue;
            }
            return -1;
        }
    }

    /** {@code name.member…} from a {@code {…}} in a message, if the script assigns {@code name}. */
    private Expr path(int from, int to) {
        String[] names = ctx.text.substring(from, to).split("\\.");
        String root = names[0].toLowerCase(Locale.ROOT);
        if (!ctx.outline.isAssigned(root)) {
            return null;
        }
        Expr expr = new Expr.Variable(root);
        for (int i = 1; i < names.length; i++) {
            expr = new Expr.Member(expr, names[i]);
        }
        return expr;
    }

    /** A target of an assignment or a {@code HEAR}: {@code name}, {@code a.b}, {@code a[i]}, {@code a?.b}. */
    Target target() {
        Token name = ctx.expectName("expected a variable name");
        List<Target.Accessor> path = new ArrayList<>();
        while (true) {
            Token token = ctx.peek();
            if (token.kind() == TokenKind.DOT || token.kind() == TokenKind.QUESTION_DOT) {
                ctx.next();
                Token member = ctx.expectName("expected a member name after '.'");
                path.add(new Target.Accessor.Field(member.text()));
            } else if (token.kind() == TokenKind.LEFT_BRACKET) {
                ctx.next();
                Expression index = expression();
                ctx.expect(TokenKind.RIGHT_BRACKET, "expected ']' after the index");
                path.add(new Target.Accessor.Element(index));
            } else {
                return new Target(name.text().toLowerCase(Locale.ROOT), path);
            }
        }
    }

    /** The expression that reads a target's current value. */
    static Expr read(Target target) {
        Expr expr = new Expr.Variable(target.variable());
        for (Target.Accessor accessor : target.path()) {
            expr = switch (accessor) {
                case Target.Accessor.Field field -> new Expr.Member(expr, field.name());
                case Target.Accessor.Element element ->
                    new Expr.Index(expr, element.index().tree());
            };
        }
        return expr;
    }
}
