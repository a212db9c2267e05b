package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.TextValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A plugin keyword written as a block ({@link io.basicflow.spi.KeywordPlugin#blockKeywords()}), such
 * as {@code TABLE name … END TABLE}: its first argument is the rest of the first line, its second the
 * lines up to {@code END <first word>}, both as text, never compiled as statements.
 */
final class BlockKeywords {

    private BlockKeywords() {}

    static void parse(
            ParseContext ctx, List<Step> out, CataloguedKeyword keyword, Token nameStart, int start, boolean oneLine) {
        List<ParameterDefinition> parameters = keyword.definition().parameters();
        String closer = keyword.words().getFirst();
        if (oneLine || parameters.size() != 2) {
            throw ctx.error(
                    nameStart, keyword.name() + " is a block: write it on lines of its own, up to END " + closer);
        }
        int line = nameStart.line();
        int endLine = ctx.outline.unknownBlockEnd(line, closer, true);
        if (endLine <= 0) {
            throw ctx.error(nameStart, keyword.name() + " has no END " + closer + " after it");
        }
        String first = ctx.source.lineText(line).strip();
        String header = first.substring(Math.min(first.length(), keyword.name().length()))
                .strip();
        if (!first.toUpperCase(Locale.ROOT).startsWith(keyword.name())) {
            header = first;
        }
        List<Expr> lines = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        for (int l = line + 1; l < endLine; l++) {
            String text = ctx.source.lineText(l);
            lines.add(new Expr.Literal(new TextValue(text)));
            raw.append(text).append('\n');
        }
        int headerEnd = ctx.source.lineEnd(line);
        int blockEnd = ctx.source.lineEnd(endLine);
        List<Step.Argument> arguments = List.of(
                new Step.Argument(
                        parameters.get(0).name(),
                        ctx.expression(new Expr.Literal(new TextValue(header)), nameStart.start(), headerEnd)),
                new Step.Argument(
                        parameters.get(1).name(),
                        new io.basicflow.spi.program.Expression(
                                raw.toString(), new Expr.ListLiteral(lines), ctx.span(headerEnd, blockEnd))));
        ctx.tokens.resetTo(blockEnd);
        if (ctx.peek().endsLine()) {
            ctx.next();
        }
        out.add(new Step.Invoke(ctx.span(start, blockEnd), keyword.name(), arguments, Optional.empty()));
    }
}
