package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The statements of a tool script and of the tools a dialog uses: {@code PARAM name AS type …},
 * {@code DESCRIPTION "…"}, {@code USE TOOL}, {@code ADD TOOL} and {@code CLEAR TOOLS}. The
 * {@link StatementParser} dispatches to it by the statement's first words.
 */
final class ToolScriptParser {

    private final ParseContext ctx;
    private final ExpressionParser expressions;
    private final KeywordCalls keywords;

    ToolScriptParser(ParseContext ctx, ExpressionParser expressions, KeywordCalls keywords) {
        this.ctx = ctx;
        this.expressions = expressions;
        this.keywords = keywords;
    }

    void param(List<Step> out, boolean oneLine) {
        Token keyword = ctx.next();
        Token name = ctx.expectName("expected the parameter name after PARAM");
        String type = "STRING";
        List<String> choices = List.of();
        if (ctx.acceptWord("AS")) {
            Token token = ctx.peek();
            if (token.kind() == TokenKind.STRING) {
                List<String> values = new ArrayList<>();
                do {
                    Token value = ctx.expect(TokenKind.STRING, "expected a string choice after ','");
                    values.add(expressions.plainText(value));
                } while (ctx.accept(TokenKind.COMMA));
                choices = values;
                type = "ENUM";
            } else if (token.kind() == TokenKind.IDENTIFIER) {
                ctx.next();
                type = token.upper();
            } else {
                throw ctx.error(
                        token, "expected a type (such as STRING or INTEGER) or a list of string choices after AS");
            }
        }
        String example = null;
        String description = null;
        boolean optional = false;
        Expression defaultValue = null;
        while (!keywords.atStatementEnd(oneLine)) {
            Token clause = ctx.next();
            switch (clause.upper()) {
                case "LIKE" -> {
                    if (example != null) {
                        duplicateClause(clause);
                    }
                    example = literalText("after LIKE");
                }
                case "DESCRIPTION" -> {
                    if (description != null) {
                        duplicateClause(clause);
                    }
                    description = expressions.plainText(
                            ctx.expect(TokenKind.STRING, "expected the description, a string, after DESCRIPTION"));
                }
                case "OPTIONAL" -> {
                    if (optional) {
                        duplicateClause(clause);
                    }
                    optional = true;
                }
                case "REQUIRED" -> {}
                case "DEFAULT" -> {
                    if (defaultValue != null) {
                        duplicateClause(clause);
                    }
                    expressions.likeIsClause = true;
                    try {
                        defaultValue = expressions.expression();
                    } finally {
                        expressions.likeIsClause = false;
                    }
                }
                default ->
                    throw ctx.error(
                            clause,
                            "expected LIKE, DESCRIPTION, DEFAULT, OPTIONAL or REQUIRED after the type of PARAM "
                                    + name.text());
            }
        }
        if (choices.size() == 1 && description == null) {
            // PARAM location AS "The city and state": one text describes the parameter
            description = choices.getFirst();
            choices = List.of();
            type = "STRING";
        }
        ctx.endStatement(oneLine, "PARAM");
        out.add(new Step.Param(
                ctx.span(keyword.start(), ctx.lastEnd()),
                name.text().toLowerCase(Locale.ROOT),
                type,
                Optional.ofNullable(example),
                Optional.ofNullable(description),
                optional || defaultValue != null,
                choices,
                Optional.ofNullable(defaultValue)));
    }

    private void duplicateClause(Token clause) {
        ctx.report(
                DiagnosticKind.DUPLICATE_DEFINITION,
                clause.start(),
                clause.end(),
                "the " + clause.upper() + " clause is given twice");
    }

    /** An example value: a string, a number (with its sign), TRUE or FALSE, as text. */
    private String literalText(String where) {
        Token token = ctx.peek();
        if (token.kind() == TokenKind.STRING) {
            ctx.next();
            return expressions.plainText(token);
        }
        boolean negative = token.kind() == TokenKind.MINUS;
        if (negative) {
            ctx.next();
            token = ctx.peek();
        }
        if (token.kind() == TokenKind.NUMBER) {
            ctx.next();
            return (negative ? "-" : "") + token.text();
        }
        if (!negative && (token.is("TRUE") || token.is("FALSE"))) {
            ctx.next();
            return token.text().toLowerCase(Locale.ROOT);
        }
        throw ctx.error(token, "expected an example value (a string or a number) " + where);
    }

    void description(List<Step> out, boolean oneLine) {
        Token keyword = ctx.next();
        Token token = ctx.peek();
        String text;
        int end;
        if (token.kind() == TokenKind.STRING) {
            ctx.next();
            text = expressions.plainText(token);
            end = ctx.lastEnd();
            ctx.endStatement(oneLine, "the DESCRIPTION text (one string)");
        } else if (token.endsLine()) {
            throw ctx.error(token, "DESCRIPTION needs a text, such as DESCRIPTION \"Sends a reminder\"");
        } else {
            // DESCRIPTION It is a web service: the rest of the line is the text
            int lineEnd = ctx.source.lineEnd(token.line());
            String rest = ctx.text.substring(token.start(), lineEnd);
            text = rest.strip();
            end = token.start() + rest.stripTrailing().length();
            ctx.tokens.resetTo(lineEnd);
            ctx.endStatement(oneLine, "the DESCRIPTION text");
        }
        out.add(new Step.Description(ctx.span(keyword.start(), end), text));
    }

    private CataloguedKeyword toolKeyword(String name, Token first, int words, boolean oneLine) {
        CataloguedKeyword keyword = ctx.catalogue.keyword(name).orElse(null);
        for (int i = 0; i < words; i++) {
            ctx.next();
        }
        if (keyword == null) {
            ctx.sink.report(
                    DiagnosticKind.UNKNOWN_KEYWORD,
                    first.start(),
                    ctx.lastEnd(),
                    "unknown keyword " + name + ": no installed plugin provides it",
                    name);
            keywords.skipLenient(oneLine);
            ctx.endStatement(oneLine, "the arguments of " + name);
        }
        return keyword;
    }

    /** A tools statement's keyword and arguments, read to the end of the statement. */
    private record ToolCall(CataloguedKeyword keyword, Token first, List<Step.Argument> arguments) {}

    /**
     * Reads a tools statement; null when no plugin provides it (reported) or its arguments were wrong
     * (reported by the argument reader).
     */
    private ToolCall toolCall(String name, String what, boolean oneLine) {
        Token first = ctx.peek();
        CataloguedKeyword keyword = toolKeyword(name, first, 2, oneLine);
        if (keyword == null) {
            return null;
        }
        List<Step.Argument> arguments = keywords.arguments(keyword, first, oneLine);
        ctx.endStatement(oneLine, what);
        return arguments == null ? null : new ToolCall(keyword, first, arguments);
    }

    void useTool(List<Step> out, Target target, int start, boolean oneLine) {
        ToolCall call = toolCall("USE TOOL", "the arguments of USE TOOL", oneLine);
        if (call == null || call.arguments().isEmpty()) {
            return;
        }
        String toolParameter =
                call.keyword().definition().parameters().getFirst().name();
        Expression tool = null;
        List<Expression> rest = new ArrayList<>();
        for (Step.Argument argument : call.arguments()) {
            if (tool == null && argument.parameter().equals(toolParameter)) {
                tool = argument.value();
            } else {
                rest.add(argument.value());
            }
        }
        if (tool != null) {
            out.add(new Step.UseTool(ctx.span(start, ctx.lastEnd()), tool, rest, Optional.ofNullable(target)));
        }
    }

    void addTool(List<Step> out, boolean oneLine) {
        ToolCall call = toolCall("ADD TOOL", "the tool name of ADD TOOL", oneLine);
        if (call != null && !call.arguments().isEmpty()) {
            out.add(new Step.AddTool(
                    ctx.span(call.first().start(), ctx.lastEnd()),
                    call.arguments().getFirst().value()));
        }
    }

    void clearTools(List<Step> out, boolean oneLine) {
        ToolCall call = toolCall("CLEAR TOOLS", "CLEAR TOOLS", oneLine);
        if (call != null) {
            out.add(new Step.ClearTools(ctx.span(call.first().start(), ctx.lastEnd())));
        }
    }
}
