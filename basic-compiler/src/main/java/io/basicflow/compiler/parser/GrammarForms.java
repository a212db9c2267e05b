package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.evaluation.ErrorVariables;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.TextValue;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The General Bots forms that are neither blocks nor keywords of a plugin: error handling ({@code ON
 * ERROR RESUME NEXT}, {@code ON ERROR GOTO 0}, {@code THROW}/{@code RAISE}, {@code CLEAR ERROR},
 * {@code ASSERT}, and the operands {@code ERROR}, {@code ERROR MESSAGE}, {@code ERR}), {@code NEW
 * OBJECT}/{@code NEW ARRAY}, and the statement forms of the list functions that change a variable
 * ({@code PUSH list, x}, {@code list.PUSH(x)}, {@code x = POP(list)}). Kept apart from the statement
 * parser so that it stays about blocks and assignments.
 */
final class GrammarForms {

    /** Functions whose statement form assigns the new list back to the variable of their first argument. */
    private static final Set<String> MUTATORS = Set.of("PUSH", "APPEND", "UNSHIFT", "PREPEND");

    /** Functions that, as {@code x = F(list)}, also remove the element they give from the variable. */
    private static final Set<String> TAKERS = Set.of("POP", "SHIFT");

    private final ParseContext ctx;
    private final ExpressionParser expressions;

    GrammarForms(ParseContext ctx, ExpressionParser expressions) {
        this.ctx = ctx;
        this.expressions = expressions;
    }

    // ---- statements -----------------------------------------------------------------------------

    /**
     * A statement of this family, when the line starts with one; no plugin keyword of the same name
     * exists (the caller asks this only after the catalogue did not match).
     *
     * @return whether the statement was parsed
     */
    boolean statement(List<Step> out, boolean oneLine) {
        Token first = ctx.peek();
        Token after = ctx.peek(1);
        switch (first.upper()) {
            case "ON" -> {
                if (after.is("ERROR")) {
                    onError(out, oneLine);
                    return true;
                }
                return false;
            }
            case "THROW", "RAISE" -> {
                if (after.endsLine()) {
                    throw ctx.error(
                            after, first.upper() + " needs a message, such as " + first.upper() + " \"Invalid input\"");
                }
                ctx.next();
                Expression message = expressions.expression();
                endStatement(oneLine, "the message of " + first.upper());
                out.add(new Step.ErrorHandling(
                        ctx.span(first.start(), ctx.lastEnd()), Step.ErrorAction.THROW, Optional.of(message)));
                return true;
            }
            case "CLEAR" -> {
                if (after.is("ERROR") || after.is("ERR")) {
                    ctx.next();
                    ctx.next();
                    endStatement(oneLine, "CLEAR ERROR");
                    out.add(new Step.ErrorHandling(
                            ctx.span(first.start(), ctx.lastEnd()), Step.ErrorAction.CLEAR, Optional.empty()));
                    return true;
                }
                return false;
            }
            case "ASSERT" -> {
                assertStatement(out, oneLine);
                return true;
            }
            default -> {
                if (MUTATORS.contains(first.upper()) && after.kind() == TokenKind.IDENTIFIER) {
                    mutatorStatement(out, oneLine);
                    return true;
                }
                return false;
            }
        }
    }

    private void onError(List<Step> out, boolean oneLine) {
        Token on = ctx.next();
        ctx.next();
        Step.ErrorAction action;
        if (ctx.acceptWord("RESUME")) {
            ctx.expectWord("NEXT", "expected NEXT after ON ERROR RESUME");
            action = Step.ErrorAction.RESUME_NEXT;
        } else if (ctx.acceptWord("GOTO")) {
            Token target = ctx.peek();
            if (target.kind() != TokenKind.NUMBER || !target.text().equals("0")) {
                throw ctx.error(
                        target,
                        "only ON ERROR GOTO 0 is supported (it turns error trapping off); jumping to a label is"
                                + " not: use ON ERROR RESUME NEXT and IF ERROR THEN");
            }
            ctx.next();
            action = Step.ErrorAction.STOP_ON_ERROR;
        } else {
            throw ctx.error(ctx.peek(), "expected RESUME NEXT or GOTO 0 after ON ERROR");
        }
        endStatement(oneLine, "ON ERROR");
        out.add(new Step.ErrorHandling(ctx.span(on.start(), ctx.lastEnd()), action, Optional.empty()));
    }

    /** {@code ASSERT condition[, "message"]}: {@code IF NOT condition THEN THROW message}. */
    private void assertStatement(List<Step> out, boolean oneLine) {
        Token keyword = ctx.next();
        int conditionStart = ctx.peek().start();
        Expression condition = expressions.expression();
        int conditionEnd = ctx.lastEnd();
        Expression message;
        if (ctx.accept(TokenKind.COMMA)) {
            message = expressions.expression();
        } else {
            message = ctx.expression(
                    new Expr.Literal(new TextValue("assertion failed: " + condition.text())),
                    conditionStart,
                    conditionEnd);
        }
        endStatement(oneLine, "ASSERT");
        var span = ctx.span(keyword.start(), ctx.lastEnd());
        Expression failed =
                ctx.expression(new Expr.Unary(Expr.UnaryOperator.NOT, condition.tree()), conditionStart, conditionEnd);
        Step thrown = new Step.ErrorHandling(span, Step.ErrorAction.THROW, Optional.of(message));
        out.add(new Step.If(span, List.of(new Step.Branch(span, failed, List.of(thrown))), List.of()));
    }

    /** {@code PUSH list, x}: {@code list = PUSH(list, x)}. */
    private void mutatorStatement(List<Step> out, boolean oneLine) {
        Token keyword = ctx.next();
        int targetStart = ctx.peek().start();
        Expr listExpr = expressions.expr();
        Target target = targetOf(listExpr);
        if (target == null) {
            throw ctx.error(
                    keyword,
                    keyword.upper() + " needs a variable to change first, such as " + keyword.upper()
                            + " items, value");
        }
        ctx.expect(TokenKind.COMMA, "expected ',' and the value after " + keyword.upper() + " " + target.variable());
        List<Expr> arguments = new java.util.ArrayList<>();
        arguments.add(listExpr);
        do {
            arguments.add(expressions.expr());
        } while (ctx.accept(TokenKind.COMMA));
        int end = ctx.lastEnd();
        endStatement(oneLine, "the values of " + keyword.upper());
        Expression value = ctx.expression(new Expr.Call(keyword.upper(), arguments), targetStart, end);
        out.add(new Step.Assign(ctx.span(keyword.start(), end), target, value));
    }

    /**
     * {@code list.PUSH(x)} written as a statement: assigns {@code PUSH(list, x)} back.
     *
     * @return whether the expression was such a call
     */
    boolean mutatorCall(List<Step> out, Expression expression) {
        if (expression.tree() instanceof Expr.Call call
                && MUTATORS.contains(call.function())
                && !call.arguments().isEmpty()) {
            Target target = targetOf(call.arguments().getFirst());
            if (target != null) {
                out.add(new Step.Assign(expression.span(), target, expression));
                return true;
            }
        }
        return false;
    }

    /**
     * After {@code x = POP(list)} (or {@code SHIFT}): the step that removes the taken element from the
     * variable, so that the list shrinks as General Bots' {@code POP} does.
     */
    void afterAssignment(List<Step> out, Expression value) {
        if (value.tree() instanceof Expr.Call call
                && TAKERS.contains(call.function())
                && call.arguments().size() == 1) {
            Target target = targetOf(call.arguments().getFirst());
            if (target != null) {
                Expr rest = call.function().equals("POP")
                        ? new Expr.Call("SLICE", List.of(call.arguments().getFirst(), literal(0), literal(-1)))
                        : new Expr.Call("SLICE", List.of(call.arguments().getFirst(), literal(1)));
                Expression removal = new Expression(value.text(), rest, value.span());
                out.add(new Step.Assign(value.span(), target, removal));
            }
        }
    }

    private static Expr literal(long number) {
        return new Expr.Literal(io.basicflow.spi.value.IntegerValue.of(number));
    }

    /** The variable a plain name or member path stands for; null for anything else. */
    private static Target targetOf(Expr expr) {
        return switch (expr) {
            case Expr.Variable variable -> Target.variable(variable.name());
            case Expr.Member member -> {
                Target inner = targetOf(member.target());
                if (inner == null) {
                    yield null;
                }
                List<Target.Accessor> path = new java.util.ArrayList<>(inner.path());
                path.add(new Target.Accessor.Field(member.name()));
                yield new Target(inner.variable(), path);
            }
            default -> null;
        };
    }

    private void endStatement(boolean oneLine, String what) {
        ctx.endStatement(oneLine, what);
    }

    /** List functions whose names the data plugin also uses for its table forms. */
    private static final Set<String> SHARED_WITH_TABLE_FORMS =
            Set.of("AGGREGATE", "FILTER", "MAP", "SORT", "GROUPBY", "JOIN");

    /**
     * Whether {@code NAME …} without parentheses is the table form of a keyword ({@code AGGREGATE
     * orders SUM amount}, {@code FILTER files WHERE …}, {@code MAP prices WITH …}) rather than the
     * list function with comma-separated arguments: two operands follow each other with no comma or
     * operator between them.
     */
    static boolean keywordShapedListFunction(ParseContext ctx, String upper) {
        if (!SHARED_WITH_TABLE_FORMS.contains(upper) || ctx.peek(1).kind() == TokenKind.LEFT_PAREN) {
            return false;
        }
        int depth = 0;
        Token previous = ctx.peek();
        for (int k = 1; k < 512; k++) {
            Token token = ctx.peek(k);
            if (token.endsLine() && depth == 0) {
                return false;
            }
            switch (token.kind()) {
                case LEFT_PAREN, LEFT_BRACKET, LEFT_BRACE, HASH_BRACE -> depth++;
                case RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> depth--;
                case IDENTIFIER -> {
                    if (depth == 0 && k > 1 && endsOperand(previous) && !Words.OPERATORS.contains(token.upper())) {
                        return true;
                    }
                }
                default -> {}
            }
            if (token.kind() == TokenKind.END_OF_INPUT) {
                return false;
            }
            previous = token;
        }
        return false;
    }

    /**
     * Whether a keyword named like a function ({@code JOIN orders, customers, "customer_id"} beside the
     * text function {@code JOIN(list[, separator])}) is called with a number of arguments that the keyword
     * takes and the function does not: then it is the keyword, whatever its shape.
     */
    static boolean beyondFunctionArity(ParseContext ctx, CataloguedKeyword keyword, String upper) {
        int count = KeywordCalls.positionalArgumentsAhead(ctx, keyword.words().size());
        return ctx.catalogue
                .function(upper)
                .map(function -> (count < function.minimumArguments() || count > function.maximumArguments())
                        && keyword.definition().acceptsPositionalArguments(count))
                .orElse(false);
    }

    private static boolean endsOperand(Token token) {
        return switch (token.kind()) {
            case IDENTIFIER -> !Words.OPERATORS.contains(token.upper());
            case STRING, NUMBER, RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> true;
            default -> false;
        };
    }

    // ---- operands -------------------------------------------------------------------------------

    /** Whether an assignment's value starting with these tokens is one of this family's operands. */
    static boolean startsOperand(ParseContext ctx, Token first, Token after) {
        return switch (first.upper()) {
            case "NEW" -> after.is("OBJECT") || after.is("ARRAY") || after.is("MAP") || after.is("LIST");
            case "ERROR" -> after.is("MESSAGE") || !ctx.outline.isAssigned("error");
            case "ERR" -> !ctx.outline.isAssigned("err");
            case "GET" -> after.is("LAST") && ctx.peek(2).kind() == TokenKind.STRING;
            default -> false;
        };
    }

    /**
     * One of this family's operands at the current token, or null: {@code NEW OBJECT} (an empty map),
     * {@code NEW ARRAY} (an empty list), {@code ERROR MESSAGE}, and {@code ERROR} and {@code ERR} unless
     * the script assigns a variable of that name itself.
     */
    static Expr operand(ParseContext ctx, Token token, ExpressionParser expressions) {
        Token after = ctx.peek(1);
        switch (token.upper()) {
            case "GET" -> {
                // GET LAST "email_received_events" | "folder_change_events" | "table": the event of params
                if (after.is("LAST") && ctx.peek(2).kind() == TokenKind.STRING) {
                    ctx.next();
                    ctx.next();
                    Token name = ctx.next();
                    return new Expr.Call(
                            "TRIGGEREVENT",
                            List.of(
                                    new Expr.Variable("params"),
                                    new Expr.Literal(new io.basicflow.spi.value.TextValue(
                                            io.basicflow.compiler.schedule.ScheduleDeclaration.textOf(name)))));
                }
                return null;
            }
            case "IS" -> {
                // IS NUMERIC(x), as General Bots writes ISNUMERIC(x)
                if (after.is("NUMERIC") && ctx.peek(2).kind() == TokenKind.LEFT_PAREN) {
                    ctx.next();
                    ctx.next();
                    ctx.next();
                    Expr argument = expressions.expr();
                    ctx.expect(TokenKind.RIGHT_PAREN, "expected ')' after the argument of IS NUMERIC");
                    return new Expr.Call("ISNUMERIC", List.of(argument));
                }
                return null;
            }
            case "WITH", "SET" -> {
                // UPDATE "orders" SET / status = "shipped", … : the fields after the line's last word
                if (after.kind() == TokenKind.NEWLINE && fieldLineAt(ctx, 2)) {
                    ctx.next();
                    return fieldBlock(ctx, expressions);
                }
                return null;
            }
            case "NEW" -> {
                if (after.is("OBJECT") || after.is("MAP")) {
                    ctx.next();
                    ctx.next();
                    skipEmptyParentheses(ctx);
                    return new Expr.MapLiteral(List.of());
                }
                if (after.is("ARRAY") || after.is("LIST")) {
                    ctx.next();
                    ctx.next();
                    skipEmptyParentheses(ctx);
                    return new Expr.ListLiteral(List.of());
                }
                return null;
            }
            case "ERROR" -> {
                if (after.is("MESSAGE")) {
                    ctx.next();
                    ctx.next();
                    return new Expr.Variable(ErrorVariables.MESSAGE);
                }
                if (after.kind() != TokenKind.LEFT_PAREN
                        && after.kind() != TokenKind.DOT
                        && !ctx.outline.isAssigned("error")) {
                    ctx.next();
                    return new Expr.Variable(ErrorVariables.ERROR);
                }
                return null;
            }
            case "ERROR_MESSAGE" -> {
                // keyword-set-schedule.md's CATCH example reads the message by this name
                if (after.kind() != TokenKind.LEFT_PAREN && !ctx.outline.isAssigned("error_message")) {
                    ctx.next();
                    return new Expr.Variable(ErrorVariables.MESSAGE);
                }
                return null;
            }
            case "ERR" -> {
                if (after.kind() != TokenKind.LEFT_PAREN
                        && after.kind() != TokenKind.DOT
                        && !ctx.outline.isAssigned("err")) {
                    ctx.next();
                    return new Expr.Variable(ErrorVariables.NUMBER);
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    /** Whether tokens {@code ahead} and on are {@code name =} (not {@code ==}). */
    private static boolean fieldLineAt(ParseContext ctx, int ahead) {
        return ctx.peek(ahead).kind() == TokenKind.IDENTIFIER
                && ctx.peek(ahead + 1).kind() == TokenKind.EQUAL;
    }

    /**
     * Whether the current line end closes a line that ends with {@code WITH} and the next line is a
     * field ({@code POST url WITH} / {@code name = value,} …).
     */
    static boolean fieldBlockFollows(ParseContext ctx) {
        Token newline = ctx.peek();
        if (newline.kind() != TokenKind.NEWLINE || !fieldLineAt(ctx, 1)) {
            return false;
        }
        int end = newline.start();
        String text = ctx.text;
        while (end > 0
                && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        int start = end;
        while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
            start--;
        }
        String word = text.substring(start, end);
        return (word.equalsIgnoreCase("WITH") || word.equalsIgnoreCase("SET"))
                && (start == 0 || Character.isWhitespace(text.charAt(start - 1)));
    }

    /**
     * The lines after a {@code WITH} at the end of a line: {@code name = value} fields, each line but
     * the last ending with a comma ({@code INSERT INTO "customers" WITH} / {@code name = "Ana",} /
     * {@code email = e}); the value is the map of the fields, in order.
     */
    static Expr fieldBlock(ParseContext ctx, ExpressionParser expressions) {
        ctx.skipNewlines();
        List<Expr.MapEntry> entries = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        while (true) {
            Token name = ctx.expectName("expected 'name = value' in the fields after WITH");
            ctx.expect(TokenKind.EQUAL, "expected '=' after the field name " + name.text());
            Expr value = expressions.expr();
            if (!names.add(name.text().toLowerCase(java.util.Locale.ROOT))) {
                ctx.report(
                        io.basicflow.compiler.diagnostics.DiagnosticKind.DUPLICATE_DEFINITION,
                        name.start(),
                        name.end(),
                        "the field " + name.text() + " is set twice after WITH");
            }
            entries.add(new Expr.MapEntry(name.text(), value));
            if (!ctx.accept(TokenKind.COMMA)) {
                return new Expr.MapLiteral(entries);
            }
            ctx.skipNewlines();
        }
    }

    private static void skipEmptyParentheses(ParseContext ctx) {
        if (ctx.peek().kind() == TokenKind.LEFT_PAREN && ctx.peek(1).kind() == TokenKind.RIGHT_PAREN) {
            ctx.next();
            ctx.next();
        }
    }
}
