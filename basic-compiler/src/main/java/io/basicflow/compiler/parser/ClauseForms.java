package io.basicflow.compiler.parser;

import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.value.TextValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The values of keyword clauses written in the shapes of General Bots' data forms, turned into plain
 * expressions a handler receives as values:
 *
 * <ul>
 *   <li>a column list after {@code SET}, {@code WITH} or {@code VALUES}: {@code col AS expr, col2 = expr}
 *       becomes the map {@code #{col: expr, col2: expr}};
 *   <li>a {@code WHERE} condition whose comparisons have a bare name on the left ({@code user_id =
 *       user.id AND total >= 10}) becomes a condition map: each comparison {@code #{column: "user_id",
 *       operator: "=", value: user.id}} (the right side is evaluated by the script), joined by {@code
 *       #{operator: "AND", conditions: [a, b]}} (also {@code OR}, {@code NOT}; {@code IS NULL}, {@code
 *       IS NOT NULL} and {@code LIKE} too). A {@code WHERE} written otherwise (a string) is left as is;
 *   <li>{@code ORDER BY col [ASC|DESC]} becomes the text {@code "col DESC"}.
 * </ul>
 */
final class ClauseForms {

    private final ParseContext ctx;
    private final ExpressionParser expressions;

    ClauseForms(ParseContext ctx, ExpressionParser expressions) {
        this.ctx = ctx;
        this.expressions = expressions;
    }

    /** The value of a clause, its word already read. */
    Expression value(ParameterDefinition clause, Set<String> stops) {
        return value(clause, stops, false);
    }

    /**
     * The value of a clause, its word already read; with {@code names}, a {@code WITH} followed by two or
     * more variables separated by commas ({@code GET url WITH service, date}) is the map of their names to
     * their values, {@code #{service: service, date: date}} (the caller allows it where no argument could
     * follow the clause, so that this gives meaning only to what did not compile before).
     */
    Expression value(ParameterDefinition clause, Set<String> stops, boolean names) {
        String word = clause.introducer().orElse("");
        if (names && word.equals("WITH") && variableListAhead(stops)) {
            return variableList();
        }
        if ((word.equals("SET") || word.equals("WITH") || word.equals("VALUES")) && columnListAhead()) {
            return columnList(stops);
        }
        if (ctx.peek().kind() == TokenKind.NEWLINE && isField(ctx, 1)) {
            // UPDATE "t" SET / a = 1, / b = 2: the fields on the lines after the word
            int start = ctx.peek(1).start();
            Expr fields = GrammarForms.fieldBlock(ctx, expressions);
            return ctx.expression(fields, start, ctx.lastEnd());
        }
        if (word.equals("ORDER") && ctx.peek().is("BY") && ctx.peek(1).kind() == TokenKind.IDENTIFIER) {
            int start = ctx.next().start();
            StringBuilder order = new StringBuilder(ctx.next().text());
            if (ctx.peek().is("ASC") || ctx.peek().is("DESC")) {
                order.append(' ').append(ctx.next().upper());
            }
            // ORDER BY priority DESC, created_at ASC: "priority DESC, created_at ASC"
            while (ctx.peek().kind() == TokenKind.COMMA && ctx.peek(1).kind() == TokenKind.IDENTIFIER) {
                ctx.next();
                order.append(", ").append(ctx.next().text());
                if (ctx.peek().is("ASC") || ctx.peek().is("DESC")) {
                    order.append(' ').append(ctx.next().upper());
                }
            }
            return ctx.expression(new Expr.Literal(new TextValue(order.toString())), start, ctx.lastEnd());
        }
        if (!word.equals("WHERE")) {
            Expression value = expressions.expressionStoppingAt(stops);
            if (word.equals("ON") && joinCondition(value.tree())) {
                // FIND "orders" JOIN "customers" ON orders.customer_id = customers.id: columns on both
                // sides, passed as the text written (the plugin checks every name)
                return new Expression(value.text(), new Expr.Literal(new TextValue(value.text())), value.span());
            }
            Expr condition = word.equals("ON") ? condition(value.tree()) : null;
            return condition == null ? value : new Expression(value.text(), condition, value.span());
        }
        return where(ctx, expressions, stops);
    }

    /**
     * The source text of a clause that passes it as written ({@link ParameterDefinition.Passing#SOURCE_TEXT}),
     * its word already read: the tokens up to the next clause word, a comma or the statement's end, outside
     * brackets, as a text literal.
     */
    Expression sourceText(Token word, Set<String> stops, boolean stopAtElse) {
        int start = ctx.peek().start();
        int depth = 0;
        while (true) {
            Token token = ctx.peek();
            if (token.kind() == TokenKind.END_OF_INPUT) {
                break;
            }
            if (depth == 0
                    && (token.endsLine()
                            || token.kind() == TokenKind.COMMA
                            || (stopAtElse && token.is("ELSE"))
                            || (token.kind() == TokenKind.IDENTIFIER && stops.contains(token.upper())))) {
                break;
            }
            switch (token.kind()) {
                case LEFT_PAREN, LEFT_BRACKET, LEFT_BRACE, HASH_BRACE -> depth++;
                case RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> depth--;
                default -> {}
            }
            if (depth < 0) {
                break;
            }
            ctx.next();
        }
        if (ctx.lastEnd() <= start) {
            throw ctx.error(ctx.peek(), "expected what " + word.upper() + " applies to after " + word.upper());
        }
        String text = ctx.text.substring(start, ctx.lastEnd()).strip();
        return ctx.expression(new Expr.Literal(new TextValue(text)), start, ctx.lastEnd());
    }

    /**
     * A {@code WHERE} clause's value, its word already read: a condition map when it is a condition over
     * columns ({@code column IN [a, b]} too), else the expression as written (a filter text).
     */
    static Expression where(ParseContext ctx, ExpressionParser expressions, Set<String> stops) {
        Token first = ctx.peek();
        boolean saved = expressions.inIsOperator;
        boolean savedFunctions = expressions.columnFunctions;
        expressions.inIsOperator = true;
        expressions.columnFunctions = true;
        Expression value;
        try {
            value = expressions.expressionStoppingAt(stops);
        } finally {
            expressions.inIsOperator = saved;
            expressions.columnFunctions = savedFunctions;
        }
        Expr condition = condition(value.tree());
        if (condition != null) {
            return new Expression(value.text(), condition, value.span());
        }
        String unknown = unknownColumnFunction(ctx, value.tree());
        if (unknown != null) {
            throw ctx.error(
                    first,
                    unknown + "(column) applies to a column only on the left of a condition over columns (WHERE"
                            + " DATE(created_at) = day AND …)");
        }
        if (hasIn(value.tree())) {
            throw ctx.error(
                    first,
                    "WHERE … IN […] needs a column name on the left of IN (WHERE status IN [\"a\","
                            + " \"b\"]), joined with other conditions over columns by AND or OR");
        }
        return value;
    }

    /**
     * Whether an {@code ON} clause is a join condition: {@code table.column = table.column}, joined by
     * {@code AND}; a script's variable is never written with a table's name on both sides.
     */
    static boolean joinCondition(Expr tree) {
        return switch (tree) {
            case Expr.Binary binary
            when binary.operator() == Expr.BinaryOperator.AND ->
                joinCondition(binary.left()) && joinCondition(binary.right());
            case Expr.Binary binary
            when binary.operator() == Expr.BinaryOperator.EQUAL ->
                qualifiedColumn(binary.left()) && qualifiedColumn(binary.right());
            default -> false;
        };
    }

    private static boolean qualifiedColumn(Expr tree) {
        return tree instanceof Expr.Member member && member.target() instanceof Expr.Variable;
    }

    /**
     * The functions a condition may apply to a column ({@code WHERE DATE(created_at) = today}); the data
     * plugin renders each from fixed SQL text (its {@code ColumnFunction}) and refuses any other name.
     */
    static final Set<String> COLUMN_FUNCTIONS =
            Set.of("DATE", "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "LOWER", "UPPER", "TRIM", "LENGTH", "LEN");

    /** The name of a call of a column function that is no function of the catalogue, anywhere in a tree; or null. */
    private static String unknownColumnFunction(ParseContext ctx, Expr tree) {
        return switch (tree) {
            case Expr.Call call
            when COLUMN_FUNCTIONS.contains(call.function())
                    && ctx.catalogue.function(call.function()).isEmpty() -> call.function();
            case Expr.Call call -> {
                for (Expr argument : call.arguments()) {
                    String found = unknownColumnFunction(ctx, argument);
                    if (found != null) {
                        yield found;
                    }
                }
                yield null;
            }
            case Expr.Binary binary -> {
                String found = unknownColumnFunction(ctx, binary.left());
                yield found != null ? found : unknownColumnFunction(ctx, binary.right());
            }
            case Expr.Unary unary -> unknownColumnFunction(ctx, unary.operand());
            default -> null;
        };
    }

    /** A column on the left of a condition: {@code name}, or {@code table.name} (in a join). */
    private static String column(Expr tree) {
        if (tree instanceof Expr.Variable variable) {
            return variable.name();
        }
        if (tree instanceof Expr.Member member && member.target() instanceof Expr.Variable table) {
            return table.name() + "." + member.name();
        }
        Expr.Call call = columnFunction(tree);
        return call == null ? null : column(call.arguments().getFirst());
    }

    /** {@code DATE(created_at)}: a function of {@link #COLUMN_FUNCTIONS} around a bare column, or null. */
    private static Expr.Call columnFunction(Expr tree) {
        if (tree instanceof Expr.Call call
                && COLUMN_FUNCTIONS.contains(call.function().toUpperCase(Locale.ROOT))
                && call.arguments().size() == 1
                && call.arguments().getFirst() instanceof Expr.Variable) {
            return call;
        }
        return null;
    }

    /** The condition map's first entries: the column and, when the left side wraps it, the function. */
    private static List<Expr.MapEntry> columnEntries(Expr left) {
        List<Expr.MapEntry> entries = new ArrayList<>();
        entries.add(text("column", column(left)));
        Expr.Call call = columnFunction(left);
        if (call != null) {
            entries.add(text("function", call.function().toUpperCase(Locale.ROOT)));
        }
        return entries;
    }

    /** Clause words that may start the next line of a data keyword's statement. */
    private static final Set<String> NEXT_LINE_CLAUSES = Set.of("WHERE", "ORDER", "LIMIT", "OFFSET", "JOIN");

    /**
     * Whether a data keyword's statement goes on with a {@code WHERE} (also {@code ORDER}, {@code LIMIT},
     * {@code OFFSET}) clause on the next line, as after {@code UPDATE "t" SET} and its field lines; if so
     * the line break is consumed. None of these words starts a statement, so nothing else is meant.
     */
    static boolean clauseOnNextLine(
            ParseContext ctx,
            io.basicflow.compiler.catalogue.CataloguedKeyword keyword,
            boolean oneLine,
            Set<String> words) {
        Token word = ctx.peek(1);
        if (oneLine
                || ctx.peek().kind() != TokenKind.NEWLINE
                || !NEXT_LINE_CLAUSES.contains(word.upper())
                || !words.contains(word.upper())
                || !ExpressionParser.startsOperandLoosely(ctx.peek(2))
                || !KeywordCalls.syntax(keyword).dataClauses()) {
            // limit = 10 on the next line is an assignment to a variable named like the clause
            return false;
        }
        ctx.next();
        return true;
    }

    /** Whether the clause word at the cursor ends its line and {@code name = value} fields follow. */
    static boolean fieldBlockAfterWord(ParseContext ctx) {
        Token word = ctx.peek();
        return (word.is("SET") || word.is("WITH") || word.is("VALUES"))
                && ctx.peek(1).kind() == TokenKind.NEWLINE
                && isField(ctx, 2);
    }

    private static boolean isField(ParseContext ctx, int ahead) {
        return ctx.peek(ahead).kind() == TokenKind.IDENTIFIER
                && ctx.peek(ahead + 1).kind() == TokenKind.EQUAL;
    }

    private boolean variableListAhead(Set<String> stops) {
        int ahead = 0;
        while (true) {
            if (ctx.peek(ahead).kind() != TokenKind.IDENTIFIER
                    || Words.OPERATORS.contains(ctx.peek(ahead).upper())) {
                return false;
            }
            Token after = ctx.peek(ahead + 1);
            if (after.kind() == TokenKind.COMMA) {
                ahead += 2;
                continue;
            }
            return ahead > 0
                    && (after.kind() == TokenKind.END_OF_INPUT
                            || after.endsLine()
                            || after.is("ELSE")
                            || (after.kind() == TokenKind.IDENTIFIER && stops.contains(after.upper())));
        }
    }

    private Expression variableList() {
        int start = ctx.peek().start();
        List<Expr.MapEntry> entries = new ArrayList<>();
        while (true) {
            Token name = ctx.next();
            entries.add(
                    new Expr.MapEntry(name.text(), new Expr.Variable(name.text().toLowerCase(Locale.ROOT))));
            if (ctx.peek().kind() != TokenKind.COMMA) {
                break;
            }
            ctx.next();
        }
        return ctx.expression(new Expr.MapLiteral(entries), start, ctx.lastEnd());
    }

    private boolean columnListAhead() {
        Token after = ctx.peek(1);
        return ctx.peek().kind() == TokenKind.IDENTIFIER && (after.is("AS") || after.kind() == TokenKind.EQUAL);
    }

    private Expression columnList(Set<String> stops) {
        int start = ctx.peek().start();
        List<Expr.MapEntry> entries = new ArrayList<>();
        while (true) {
            Token column = ctx.next();
            ctx.next(); // AS or =
            Expression value = expressions.expressionStoppingAt(stops);
            entries.add(new Expr.MapEntry(column.text(), value.tree()));
            if (ctx.peek().kind() == TokenKind.COMMA
                    && ctx.peek(1).kind() == TokenKind.IDENTIFIER
                    && (ctx.peek(2).is("AS") || ctx.peek(2).kind() == TokenKind.EQUAL)) {
                ctx.next();
                continue;
            }
            if (ctx.peek().kind() == TokenKind.COMMA
                    && ctx.peek(1).kind() == TokenKind.NEWLINE
                    && ctx.peek(2).kind() == TokenKind.IDENTIFIER
                    && (ctx.peek(3).is("AS") || ctx.peek(3).kind() == TokenKind.EQUAL)) {
                ctx.next();
                ctx.skipNewlines();
                continue;
            }
            break;
        }
        return ctx.expression(new Expr.MapLiteral(entries), start, ctx.lastEnd());
    }

    private static boolean hasIn(Expr tree) {
        return switch (tree) {
            case Expr.Call call ->
                call.function().equals("IN") || call.arguments().stream().anyMatch(ClauseForms::hasIn);
            case Expr.Binary binary -> hasIn(binary.left()) || hasIn(binary.right());
            case Expr.Unary unary -> hasIn(unary.operand());
            default -> false;
        };
    }

    /** The condition map of a BASIC condition over columns, or null when it is not one. */
    static Expr condition(Expr tree) {
        return switch (tree) {
            case Expr.Binary binary
            when binary.operator() == Expr.BinaryOperator.AND || binary.operator() == Expr.BinaryOperator.OR -> {
                Expr left = condition(binary.left());
                Expr right = condition(binary.right());
                yield left == null || right == null
                        ? null
                        : joined(binary.operator().name(), List.of(left, right));
            }
            case Expr.Binary binary
            when column(binary.left()) != null -> {
                String operator = switch (binary.operator()) {
                    case EQUAL -> "=";
                    case NOT_EQUAL -> "<>";
                    case LESS -> "<";
                    case LESS_OR_EQUAL -> "<=";
                    case GREATER -> ">";
                    case GREATER_OR_EQUAL -> ">=";
                    default -> null;
                };
                yield operator == null ? null : comparison(binary.left(), operator, binary.right());
            }
            case Expr.Call call
            when call.function().equals("IN")
                    && call.arguments().size() == 2
                    && column(call.arguments().getFirst()) != null ->
                comparison(call.arguments().getFirst(), "IN", call.arguments().get(1));
            case Expr.Call call
            when call.function().equals("LIKE")
                    && call.arguments().size() == 2
                    && column(call.arguments().getFirst()) != null ->
                comparison(call.arguments().getFirst(), "LIKE", call.arguments().get(1));
            case Expr.Unary unary
            when unary.operator() == Expr.UnaryOperator.NOT -> {
                Expr inner = condition(unary.operand());
                yield inner == null ? null : joined("NOT", List.of(inner));
            }
            case Expr.Unary unary
            when column(unary.operand()) != null
                    && (unary.operator() == Expr.UnaryOperator.IS_NULL
                            || unary.operator() == Expr.UnaryOperator.IS_NOT_NULL) ->
                new Expr.MapLiteral(concat(
                        columnEntries(unary.operand()),
                        text("operator", unary.operator() == Expr.UnaryOperator.IS_NULL ? "IS NULL" : "IS NOT NULL")));
            default -> null;
        };
    }

    private static Expr comparison(Expr left, String operator, Expr value) {
        return new Expr.MapLiteral(
                concat(columnEntries(left), text("operator", operator), new Expr.MapEntry("value", value)));
    }

    private static List<Expr.MapEntry> concat(List<Expr.MapEntry> first, Expr.MapEntry... more) {
        List<Expr.MapEntry> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static Expr joined(String operator, List<Expr> conditions) {
        return new Expr.MapLiteral(
                List.of(text("operator", operator), new Expr.MapEntry("conditions", new Expr.ListLiteral(conditions))));
    }

    private static Expr.MapEntry text(String key, String value) {
        return new Expr.MapEntry(key, new Expr.Literal(new TextValue(value)));
    }
}
