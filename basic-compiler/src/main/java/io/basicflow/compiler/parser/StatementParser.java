package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Procedure;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.NullValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser for statements and blocks. Every statement ends at a line end (or at
 * {@code ELSE} in a one-line {@code IF}). On a syntax error it records the diagnostic, skips to the
 * end of the statement and goes on, keeping the block structure: a block header with an error still
 * opens its block, so that its {@code END} is not reported again.
 */
final class StatementParser {

    /** How deeply blocks may nest before the parser stops. */
    static final int MAX_BLOCK_DEPTH = 100;

    private static final int MAX_ONE_LINE_DEPTH = 32;

    private enum Kind {
        TOP,
        IF,
        FOR,
        DO,
        WHILE,
        SELECT,
        SUB,
        FUNCTION,
        TRY,
        CATCH
    }

    private enum Closer {
        ELSEIF,
        ELSE,
        END_IF,
        NEXT,
        END_FOR,
        LOOP,
        WEND,
        END_WHILE,
        CASE,
        DEFAULT,
        END_SELECT,
        END_SUB,
        END_FUNCTION,
        CATCH,
        END_TRY,
        OTHER_END
    }

    /** An open block: what it is, where it opened, what closes it. */
    private record Frame(Kind kind, Token opener, String variable, String closerText) {}

    /** A call of a script procedure, checked once all procedures are known. */
    private record PendingCall(Token name, String procedure, int arguments, boolean wantsValue) {}

    private final ParseContext ctx;
    private final ExpressionParser expressions;
    private final KeywordCalls keywords;
    private final ConversationStatements conversation;
    private final GrammarForms forms;
    private final OrchestrationParser orchestration;
    private final MeetParser meet;
    private final StoreForms stores;
    private final ScheduleParser schedules;
    private final RuntimeScheduleParser runtimeSchedules;
    private final WebhookParser webhooks;
    private final List<Frame> frames = new ArrayList<>();
    private final Map<String, Procedure> procedures = new LinkedHashMap<>();
    private final Map<String, Token> procedureNames = new LinkedHashMap<>();
    private final List<PendingCall> calls = new ArrayList<>();
    private final Set<Token> subsReturningValues = new HashSet<>();
    private int oneLineDepth;
    private final EffectHoisting hoisting;
    private final GotoParser gotos;
    private final TryLowering tries = new TryLowering();
    private final TextBlockParser textBlocks;
    private final ToolScriptParser toolScripts;

    StatementParser(ParseContext ctx) {
        this.ctx = ctx;
        this.expressions = new ExpressionParser(ctx);
        this.keywords = new KeywordCalls(ctx, expressions);
        this.hoisting = new EffectHoisting(ctx);
        expressions.hoisting = hoisting;
        expressions.keywordCalls = keywords;
        this.forms = new GrammarForms(ctx, expressions);
        this.orchestration = new OrchestrationParser(ctx, expressions);
        this.conversation = new ConversationStatements(ctx, expressions, keywords, orchestration);
        this.meet = new MeetParser(ctx, expressions);
        this.stores = new StoreForms(ctx, expressions);
        this.gotos = new GotoParser(ctx);
        this.schedules = new ScheduleParser(ctx);
        this.runtimeSchedules = new RuntimeScheduleParser(ctx, expressions);
        this.webhooks = new WebhookParser(ctx);
        this.textBlocks = new TextBlockParser(ctx, expressions, keywords, this::recover);
        this.toolScripts = new ToolScriptParser(ctx, expressions, keywords);
    }

    private boolean inProcedure() {
        for (Frame frame : frames) {
            if (frame.kind() == Kind.SUB || frame.kind() == Kind.FUNCTION) {
                return true;
            }
        }
        return false;
    }

    Program parseProgram(String name) {
        List<Step> body = block(new Frame(Kind.TOP, null, null, ""));
        checkCalls();
        gotos.checkTargets();
        return new Program(name, GotoLowering.lower(body), procedures);
    }

    // ---------------------------------------------------------------------------------------------
    // Blocks

    private List<Step> block(Frame frame) {
        hoisting.suspend(); // what follows a body (ELSEIF, LOOP WHILE, CASE) hoists nothing into the opener
        frames.add(frame);
        try {
            if (frames.size() > MAX_BLOCK_DEPTH + 1) {
                Token opener = frame.opener();
                ctx.report(
                        DiagnosticKind.NESTED_TOO_DEEPLY,
                        opener.start(),
                        opener.end(),
                        "blocks nested too deeply (more than " + MAX_BLOCK_DEPTH + " levels); move inner parts into a"
                                + " SUB");
                throw ParseAbort.INSTANCE;
            }
            List<Step> steps = new ArrayList<>();
            while (true) {
                Token token = skipBlankLines();
                if (token.kind() == TokenKind.END_OF_INPUT) {
                    if (frame.kind() != Kind.TOP) {
                        reportUnclosed(frame, token);
                    }
                    return steps;
                }
                if (gotos.isLabel(token) && !token.is("DEFAULT") && !token.is("ELSE")) {
                    gotos.label(steps, frame.kind() == Kind.TOP, token);
                    continue;
                }
                Closer closer = closer(false);
                if (closer != null) {
                    if (accepts(frame.kind(), closer)) {
                        return steps;
                    }
                    if (enclosingAccepts(closer)) {
                        reportUnclosed(frame, token);
                        return steps;
                    }
                    reportStray(closer, token);
                    skipLine();
                    continue;
                }
                statement(steps, false);
            }
        } finally {
            frames.removeLast();
        }
    }

    private Token skipBlankLines() {
        while (ctx.peek().kind() == TokenKind.NEWLINE) {
            ctx.next();
        }
        return ctx.peek();
    }

    private void skipLine() {
        while (!ctx.peek().endsLine()) {
            ctx.next();
        }
        ctx.next();
    }

    /** Which block end or continuation the next line starts with, if any. */
    private Closer closer(boolean inSelect) {
        Token token = ctx.peek();
        if (token.kind() != TokenKind.IDENTIFIER) {
            return null;
        }
        Token after = ctx.peek(1);
        if (after.kind() == TokenKind.EQUAL) {
            return null;
        }
        return switch (token.upper()) {
            case "END" -> {
                if (after.kind() != TokenKind.IDENTIFIER) {
                    yield null;
                }
                yield switch (after.upper()) {
                    case "IF" -> Closer.END_IF;
                    case "FOR" -> Closer.END_FOR;
                    case "WHILE" -> Closer.END_WHILE;
                    case "SELECT", "SWITCH" -> Closer.END_SELECT;
                    case "SUB" -> Closer.END_SUB;
                    case "FUNCTION" -> Closer.END_FUNCTION;
                    case "TRY" -> Closer.END_TRY;
                    default -> Closer.OTHER_END;
                };
            }
            case "ENDIF" -> Closer.END_IF;
            case "ELSEIF" -> Closer.ELSEIF;
            case "ELSE" -> Closer.ELSE;
            case "NEXT" -> Closer.NEXT;
            case "LOOP" -> Closer.LOOP;
            case "WEND" -> Closer.WEND;
            case "CASE" -> Closer.CASE;
            case "DEFAULT" -> inSelect || selectOpen() ? Closer.DEFAULT : null;
            case "CATCH" -> Closer.CATCH;
            default -> null;
        };
    }

    private boolean selectOpen() {
        return open(Kind.SELECT);
    }

    private boolean open(Kind kind) {
        for (Frame frame : frames) {
            if (frame.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    private static boolean accepts(Kind kind, Closer closer) {
        return switch (kind) {
            case TOP -> false;
            case IF -> closer == Closer.ELSEIF || closer == Closer.ELSE || closer == Closer.END_IF;
            case FOR -> closer == Closer.NEXT || closer == Closer.END_FOR;
            case DO -> closer == Closer.LOOP;
            case WHILE -> closer == Closer.WEND || closer == Closer.END_WHILE;
            case SELECT -> closer == Closer.CASE || closer == Closer.DEFAULT || closer == Closer.END_SELECT;
            case SUB -> closer == Closer.END_SUB;
            case FUNCTION -> closer == Closer.END_FUNCTION;
            case TRY -> closer == Closer.CATCH || closer == Closer.END_TRY;
            case CATCH -> closer == Closer.END_TRY;
        };
    }

    private boolean enclosingAccepts(Closer closer) {
        for (int i = frames.size() - 2; i >= 0; i--) {
            if (accepts(frames.get(i).kind(), closer)) {
                return true;
            }
        }
        return false;
    }

    private void reportUnclosed(Frame frame, Token at) {
        Token opener = frame.opener();
        String where =
                at.kind() == TokenKind.END_OF_INPUT ? "the end of the file" : lineWords(at) + " at line " + at.line();
        ctx.report(
                DiagnosticKind.UNCLOSED_BLOCK,
                opener.start(),
                opener.end(),
                openerName(frame) + " at line " + opener.line() + " is not closed: expected " + frame.closerText()
                        + " before " + where);
    }

    private static String openerName(Frame frame) {
        return switch (frame.kind()) {
            case TOP -> "script";
            case IF -> "IF";
            case FOR -> "FOR";
            case DO -> "DO";
            case WHILE -> "WHILE";
            case SELECT -> frame.opener().is("SWITCH") ? "SWITCH" : "SELECT CASE";
            case SUB -> "SUB";
            case FUNCTION -> "FUNCTION";
            case TRY -> "TRY";
            case CATCH -> "CATCH";
        };
    }

    /** The first one or two words of the next line, upper case, as a message names them. */
    private String lineWords(Token at) {
        Token second = ctx.peek(1);
        if (at.is("END") && second.kind() == TokenKind.IDENTIFIER) {
            return "END " + second.upper();
        }
        return at.upper();
    }

    private void reportStray(Closer closer, Token at) {
        String words = lineWords(at);
        String message = switch (closer) {
            case ELSEIF, ELSE, END_IF -> words + " without IF";
            case NEXT, END_FOR -> words + " without FOR";
            case LOOP -> "LOOP without DO";
            case WEND, END_WHILE -> words + " without WHILE";
            case CASE, DEFAULT -> words + " outside SELECT CASE or SWITCH";
            case END_SELECT -> words + " without " + (words.endsWith("SWITCH") ? "SWITCH" : "SELECT CASE");
            case END_SUB -> "END SUB without SUB";
            case END_FUNCTION -> "END FUNCTION without FUNCTION";
            case CATCH, END_TRY -> words + " without TRY";
            case OTHER_END -> words + " without " + words.substring(4);
        };
        ctx.report(DiagnosticKind.UNMATCHED_BLOCK_END, at.start(), lineEndOf(at), message);
    }

    private boolean startsItsLine(Token token) {
        int lineStart = ctx.source.lineStart(token.line());
        for (int i = lineStart; i < token.start(); i++) {
            if (!Character.isWhitespace(ctx.text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private int lineEndOf(Token token) {
        return ctx.source.lineEnd(token.line());
    }

    // ---------------------------------------------------------------------------------------------
    // Statements

    private void statement(List<Step> out, boolean oneLine) {
        Token first = ctx.peek();
        EffectHoisting.Scope scope = hoisting.begin(first);
        int mark = out.size();
        boolean parsed = false;
        try {
            if (oneLine) {
                dispatch(out, true);
                parsed = true;
                return;
            }
            try {
                dispatch(out, false);
                parsed = true;
            } catch (ParseError e) {
                recover(first);
            }
        } finally {
            hoisting.end(scope, out, mark, parsed);
        }
    }

    /**
     * Skips to the end of the statement that began at {@code first}, keeping brackets balanced. When
     * the error stands at the first token of a later line (an unclosed bracket swallowed line breaks),
     * parsing resumes at that line instead, which most likely starts the next statement.
     */
    private void recover(Token first) {
        Token at = ctx.peek();
        if (at.line() > first.line() && startsItsLine(at) && at.kind() != TokenKind.END_OF_INPUT) {
            ctx.tokens.resetTo(ctx.source.lineStart(at.line()));
            return;
        }
        int depth = 0;
        while (true) {
            Token token = ctx.peek();
            switch (token.kind()) {
                case END_OF_INPUT -> {
                    if (depth > 0) {
                        int lineEnd = ctx.source.lineEnd(first.line());
                        if (lineEnd > first.start()) {
                            ctx.tokens.resetTo(lineEnd);
                            Token newline = ctx.peek();
                            if (newline.kind() == TokenKind.NEWLINE) {
                                ctx.next();
                            }
                        }
                    }
                    return;
                }
                case NEWLINE -> {
                    ctx.next();
                    if (depth <= 0) {
                        return;
                    }
                    continue;
                }
                case LEFT_PAREN, LEFT_BRACKET, LEFT_BRACE, HASH_BRACE -> depth++;
                case RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> depth--;
                default -> {}
            }
            ctx.next();
        }
    }

    private void dispatch(List<Step> out, boolean oneLine) {
        Token token = ctx.peek();
        if (token.kind() != TokenKind.IDENTIFIER) {
            if (token.kind() == TokenKind.INVALID) {
                throw ctx.error(token, "unexpected character: expected a statement");
            }
            throw ctx.error(token, "expected a statement (such as TALK, IF, or an assignment like x = 1)");
        }
        Token after = ctx.peek(1);
        if (after.kind() == TokenKind.EQUAL) {
            assignment(out, oneLine, token.start());
            return;
        }
        if (compoundOperator(after) != null
                && ctx.peek(2).kind() == TokenKind.EQUAL
                && ctx.peek(2).start() == after.end()) {
            compoundAssignment(out, oneLine);
            return;
        }
        if (orchestration.starts()) {
            orchestration.statement(out, oneLine);
            return;
        }
        if (meet.startsStartMeet()) {
            meet.startMeet(out, null, token.start(), oneLine);
            return;
        }
        if (meet.startsHearFromMeet()) {
            meet.hearFromMeet(out, oneLine);
            return;
        }
        if (schedules.starts()) {
            schedules.declaration(oneLine);
            return;
        }
        if (runtimeSchedules.starts()) {
            runtimeSchedules.statement(out, oneLine);
            return;
        }
        if (webhooks.starts()) {
            webhooks.declaration(oneLine);
            return;
        }
        if (token.is("DELAY")
                && !after.endsLine()
                && !ctx.outline.isProcedure("delay")
                && ctx.catalogue.keyword("DELAY", 1).isEmpty()) {
            // DELAY seconds (the corpus's orchestration scripts; no reference page): the same step as WAIT
            conversation.waitStatement(out, oneLine);
            return;
        }
        switch (token.upper()) {
            case "TALK" -> {
                if (meet.startsTalkToMeet()) {
                    meet.talkToMeet(out, oneLine);
                } else if (after.is("TO") && keywordWord(2)) {
                    unknownKeyword(out, oneLine, true); // TALK TO MEET "…" (keyword-start-meet.md)
                } else {
                    conversation.talk(out, oneLine);
                }
            }
            case "HEAR" -> {
                if (after.is("FROM") && keywordWord(2)) {
                    unknownKeyword(out, oneLine, true); // HEAR FROM MEET INTO x (keyword-start-meet.md)
                } else {
                    conversation.hear(out, oneLine);
                }
            }
            case "WAIT" -> conversation.waitStatement(out, oneLine);
            case "IF" -> ifStatement(out, oneLine);
            case "FOR" -> forStatement(out, oneLine);
            case "DO" -> doLoop(out, oneLine);
            case "WHILE" -> whileLoop(out, oneLine);
            case "EXIT" -> exit(out, oneLine);
            case "GOTO" -> gotos.gotoStatement(out, oneLine, inProcedure());
            case "TRY" -> {
                if (after.endsLine()) {
                    tryStatement(out, oneLine);
                } else {
                    generic(out, oneLine);
                }
            }
            case "SWITCH" -> select(out, oneLine);
            case "SUB", "FUNCTION" -> procedure(oneLine);
            case "CALL" -> call(out, oneLine);
            case "RETURN" -> returnStatement(out, oneLine);
            case "WITH" -> with(out, oneLine);
            case "PARAM" -> toolScripts.param(out, oneLine);
            case "DESCRIPTION" -> toolScripts.description(out, oneLine);
            case "SELECT" -> {
                if (after.is("CASE")) {
                    select(out, oneLine);
                } else {
                    generic(out, oneLine);
                }
            }
            case "SET", "LET" -> {
                if (after.kind() == TokenKind.IDENTIFIER && targetFollowedByEqual(1)) {
                    ctx.next();
                    assignment(out, oneLine, token.start());
                } else if (token.is("LET")) {
                    throw ctx.error(after, "expected a variable and '=' after LET");
                } else if (stores.startsSet()) {
                    stores.set(out, oneLine); // SET "session.k" = v, SET name, value (StoreForms)
                } else if (after.kind() == TokenKind.STRING && ctx.peek(2).kind() == TokenKind.EQUAL) {
                    // SET "session.x" = v: an assignment to a quoted name, not a call of a SET keyword
                    unknownKeyword(out, oneLine, true);
                } else {
                    generic(out, oneLine);
                }
            }
            case "BEGIN" -> {
                if (after.is("TALK") && ctx.peek(2).endsLine()) {
                    textBlocks.talkBlock(out, oneLine);
                } else if (after.is("MAIL")) {
                    textBlocks.mailBlock(out, oneLine);
                } else if (after.is("SYSTEM") && ctx.peek(2).is("PROMPT")) {
                    textBlocks.systemPromptBlock(out, oneLine);
                } else {
                    generic(out, oneLine);
                }
            }
            case "SEND" -> {
                if (after.is("MAIL") || after.is("EMAIL")) {
                    textBlocks.sendMail(out, null, token.start(), oneLine);
                } else {
                    generic(out, oneLine);
                }
            }
            case "USE" -> {
                if (after.is("TOOL")) {
                    toolScripts.useTool(out, null, token.start(), oneLine);
                } else {
                    generic(out, oneLine);
                }
            }
            case "ADD" -> {
                if (after.is("TOOL")) {
                    toolScripts.addTool(out, oneLine);
                } else {
                    generic(out, oneLine);
                }
            }
            case "CLEAR" -> {
                if (after.is("TOOLS")) {
                    toolScripts.clearTools(out, oneLine);
                } else {
                    generic(out, oneLine);
                }
            }
            case "END" -> {
                if (after.endsLine() || (oneLine && after.is("ELSE"))) {
                    ctx.next();
                    endStatement(oneLine, "END");
                    out.add(new Step.Exit(ctx.span(token.start(), token.end()), Step.ExitTarget.SCRIPT));
                } else {
                    throw ctx.error(after, "expected a block name after END (IF, FOR, SELECT, SUB, …)");
                }
            }
            default -> generic(out, oneLine);
        }
    }

    private ParseError blockOnOneLine(Token token) {
        return ctx.blockOnOneLine(token);
    }

    /** Expects the end of the statement and consumes the line end (not in a one-line IF). */
    private void endStatement(boolean oneLine, String what) {
        ctx.endStatement(oneLine, what);
    }

    private void endStatementRecovering(Token first, String what) {
        try {
            endStatement(false, what);
        } catch (ParseError e) {
            recover(first);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Assignments, keywords, unknown keywords

    /** Whether the tokens from a lookahead position are a target ({@code a.b[i]}) followed by {@code =}. */
    private boolean targetFollowedByEqual(int ahead) {
        int k = ahead;
        if (ctx.peek(k).kind() != TokenKind.IDENTIFIER) {
            return false;
        }
        k++;
        for (int steps = 0; steps < 256; steps++) {
            Token token = ctx.peek(k);
            switch (token.kind()) {
                case EQUAL -> {
                    return true;
                }
                case DOT, QUESTION_DOT -> {
                    if (ctx.peek(k + 1).kind() != TokenKind.IDENTIFIER) {
                        return false;
                    }
                    k += 2;
                }
                case LEFT_BRACKET -> {
                    int depth = 0;
                    while (true) {
                        Token inner = ctx.peek(k);
                        if (inner.endsLine()) {
                            return false;
                        }
                        if (inner.kind() == TokenKind.LEFT_BRACKET) {
                            depth++;
                        } else if (inner.kind() == TokenKind.RIGHT_BRACKET && --depth == 0) {
                            break;
                        }
                        k++;
                    }
                    k++;
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    private static Expr.BinaryOperator compoundOperator(Token token) {
        return switch (token.kind()) {
            case PLUS -> Expr.BinaryOperator.ADD;
            case MINUS -> Expr.BinaryOperator.SUBTRACT;
            case STAR -> Expr.BinaryOperator.MULTIPLY;
            case SLASH -> Expr.BinaryOperator.DIVIDE;
            case AMPERSAND -> Expr.BinaryOperator.CONCAT;
            default -> null;
        };
    }

    /** {@code x += e} (also {@code -= *= /= &=}): {@code x = x + (e)}; the expression's text is the statement. */
    private void compoundAssignment(List<Step> out, boolean oneLine) {
        Token name = ctx.next();
        Token operator = ctx.next();
        ctx.next();
        Target target = Target.variable(name.text().toLowerCase(Locale.ROOT));
        Expression value = expressions.expression();
        int end = ctx.lastEnd();
        endStatement(oneLine, "the assigned value");
        Expr tree = new Expr.Binary(compoundOperator(operator), ExpressionParser.read(target), value.tree());
        out.add(new Step.Assign(ctx.span(name.start(), end), target, ctx.expression(tree, name.start(), end)));
    }

    private void assignment(List<Step> out, boolean oneLine, int start) {
        Target target = expressions.target();
        ctx.expect(TokenKind.EQUAL, "expected '=' after the variable " + target.variable());
        value(out, target, start, oneLine);
    }

    /**
     * The right-hand side of an assignment. Besides an expression it may be a keyword in function
     * form ({@code x = FIND …}, {@code x = GET BOT MEMORY("k")}), a call of the script's FUNCTION, or
     * {@code USE TOOL}: those become their own steps with the target as result.
     */
    private void value(List<Step> out, Target target, int start, boolean oneLine) {
        ctx.tokens.rescanSingleQuoted(ctx.text);
        Token first = ctx.peek();
        if (first.kind() == TokenKind.IDENTIFIER
                && !isWordOfExpressions(first)
                && !GrammarForms.startsOperand(ctx, first, ctx.peek(1))) {
            Token after = ctx.peek(1);
            String upper = first.upper();
            if (upper.equals("CALL") && after.kind() == TokenKind.STRING) {
                callScript(out, Optional.of(target), start, oneLine);
                return;
            }
            if (upper.equals("WITH")
                    && after.endsLine()
                    && !oneLine
                    && ctx.outline.unknownBlockEnd(first.line(), "WITH", false) > 0) {
                out.add(new Step.Assign(
                        ctx.span(start, first.end()),
                        target,
                        ctx.expression(new Expr.MapLiteral(List.of()), first.start(), first.end())));
                with(out, false, target);
                return;
            }
            if (orchestration.startsWaitForEvent()) {
                orchestration.waitForEvent(out, target, start, oneLine);
                return;
            }
            if (orchestration.startsDelegate()) {
                orchestration.delegate(out, target, start, oneLine);
                return;
            }
            if (stores.startsGet()) { // x = GET "session.k", x = GET name (StoreForms)
                stores.get(out, target, start, oneLine);
                return;
            }
            if (meet.startsStartMeet()) {
                meet.startMeet(out, target, start, oneLine);
                return;
            }
            if (upper.equals("HEAR") && !ctx.outline.isProcedure("hear")) {
                conversation.hearAssignment(out, target, start, oneLine);
                return;
            }
            if (upper.equals("USE") && after.is("TOOL")) {
                toolScripts.useTool(out, target, start, oneLine);
                return;
            }
            if (upper.equals("SEND") && (after.is("MAIL") || after.is("EMAIL"))) {
                textBlocks.sendMail(out, target, start, oneLine);
                return;
            }
            String lower = first.text().toLowerCase(Locale.ROOT);
            boolean procedure = ctx.outline.isProcedure(lower);
            if (procedure && after.kind() == TokenKind.LEFT_PAREN && KeywordCalls.parenGroupEndsLine(ctx, 1)) {
                procedureCall(out, Optional.of(target), start, oneLine);
                return;
            }
            CataloguedKeyword keyword = procedure ? null : KeywordCalls.match(ctx, 0);
            if (keyword != null
                    && keyword.words().size() == 1
                    && ctx.catalogue.function(upper).isPresent()) {
                // a keyword named like a list function: the keyword in its shape only, else the function
                // (a keyword of several words, JSON PARSE x, is never a call of the function JSON)
                if (!GrammarForms.keywordShapedListFunction(ctx, upper)
                        && !GrammarForms.beyondFunctionArity(ctx, keyword, upper)) {
                    keyword = null;
                } else if (upper.equals("AGGREGATE")) {
                    out.add(AggregateForm.parse(ctx, expressions, keyword, target, start));
                    endStatement(oneLine, "AGGREGATE");
                    return;
                }
            }
            int words = keyword == null ? 0 : keyword.words().size();
            if (keyword != null
                    && callShaped(words, first)
                    && !(ctx.peek(words).kind() == TokenKind.LEFT_PAREN
                            && !KeywordCalls.parenGroupEndsLine(ctx, words))) {
                invoke(out, keyword, target, start, oneLine);
                return;
            }
            boolean function = ctx.catalogue.function(upper).isPresent();
            boolean membership = after.is("IN")
                    && (ctx.peek(2).kind() == TokenKind.LEFT_PAREN
                            || ctx.peek(2).kind() == TokenKind.LEFT_BRACKET);
            if (keyword == null
                    && !function
                    && !procedure
                    && !membership
                    && ExpressionParser.startsOperandLoosely(after)) {
                unknownKeyword(out, oneLine, false);
                return;
            }
            if (function && ListForms.ahead(ctx, upper)) { // x = FILTER list WHERE cond, x = MAP list WITH expr
                out.add(ListForms.parse(ctx, expressions, target, start));
                endStatement(oneLine, upper);
                return;
            }
            if (function && GrammarForms.keywordShapedListFunction(ctx, upper)) {
                // AGGREGATE orders SUM amount: the data plugin's table form, not the list function
                unknownKeyword(out, oneLine, false);
                return;
            }
            if (function && ExpressionParser.startsOperandLoosely(after)) {
                expressions.commaArgumentsOnce = true;
            }
        }
        Expression value = expressions.expression();
        expressions.commaArgumentsOnce = false;
        endStatement(oneLine, "the assigned value");
        out.add(new Step.Assign(ctx.span(start, ctx.lastEnd()), target, value));
        forms.afterAssignment(out, value);
    }

    private static boolean isWordOfExpressions(Token token) {
        String upper = token.upper();
        return Words.LITERALS.contains(upper) || Words.OPERATORS.contains(upper) || Words.STRUCTURAL.contains(upper);
    }

    /** Whether a keyword's words are followed by something that makes them a call. */
    private boolean callShaped(int words, Token first) {
        Token after = ctx.peek(words);
        if (after.kind() == TokenKind.LEFT_PAREN || ExpressionParser.startsOperandLoosely(after)) {
            return true;
        }
        if (after.kind() == TokenKind.LEFT_BRACKET && words > 1) {
            return true; // POST TO INSTAGRAM [a, b], "…": a name of several words is never indexed
        }
        return (after.endsLine() || after.is("ELSE")) && (words > 1 || first.isUpperCaseName());
    }

    /**
     * Whether the token at a lookahead is a keyword word rather than an operand: a bare upper-case
     * name that the script never assigns, not an operator or literal, followed by no comma, dot,
     * bracket or {@code =}. {@code TALK TO MEET "…"} and {@code HEAR FROM MEET INTO x}
     * (keyword-start-meet.md) are then keywords no plugin provides, not a TALK or HEAR of a variable.
     */
    private boolean keywordWord(int ahead) {
        Token word = ctx.peek(ahead);
        TokenKind next = ctx.peek(ahead + 1).kind();
        return word.isUpperCaseName()
                && !Words.OPERATORS.contains(word.upper())
                && !Words.STRUCTURAL.contains(word.upper())
                && !Words.LITERALS.contains(word.upper())
                && !ctx.outline.isAssigned(word.text().toLowerCase(Locale.ROOT))
                && next != TokenKind.COMMA
                && next != TokenKind.DOT
                && next != TokenKind.QUESTION_DOT
                && next != TokenKind.LEFT_BRACKET
                && next != TokenKind.LEFT_PAREN
                && next != TokenKind.EQUAL;
    }

    /** A statement that starts with a word that is no built-in statement. */
    private void generic(List<Step> out, boolean oneLine) {
        Token first = ctx.peek();
        Token after = ctx.peek(1);
        if (after.kind() == TokenKind.DOT
                || after.kind() == TokenKind.QUESTION_DOT
                || after.kind() == TokenKind.LEFT_BRACKET) {
            if (targetFollowedByEqual(0)) {
                assignment(out, oneLine, first.start());
            } else {
                expressionStatement(out, oneLine);
            }
            return;
        }
        String lower = first.text().toLowerCase(Locale.ROOT);
        if (ctx.outline.isProcedure(lower)) {
            // the script's own SUB wins over a plugin keyword of the same name
            procedureCall(out, Optional.empty(), first.start(), oneLine);
            return;
        }
        CataloguedKeyword keyword = KeywordCalls.match(ctx, 0);
        if (keyword != null) {
            invoke(out, keyword, null, first.start(), oneLine);
            return;
        }
        if (forms.statement(out, oneLine)) {
            return;
        }
        if (after.kind() == TokenKind.LEFT_PAREN
                && ctx.catalogue.function(first.upper()).isPresent()) {
            throw ctx.error(
                    first,
                    "the value of " + first.upper() + "(…) is not used: assign it to a variable (x = " + first.upper()
                            + "(…))");
        }
        unknownKeyword(out, oneLine, true);
    }

    private void invoke(List<Step> out, CataloguedKeyword keyword, Target target, int start, boolean oneLine) {
        Token nameStart = ctx.peek();
        for (int i = 0; i < keyword.words().size(); i++) {
            ctx.next();
        }
        if (target != null && keyword.definition().form() == KeywordForm.STATEMENT) {
            ctx.report(
                    DiagnosticKind.KEYWORD_FORM,
                    nameStart.start(),
                    ctx.lastEnd(),
                    keyword.name() + " is a statement: it gives no value, so it cannot be assigned; write it on a"
                            + " line of its own");
        }
        if (target != null && ctx.peek().kind() == TokenKind.LEFT_PAREN && !KeywordCalls.parenGroupEndsLine(ctx, 0)) {
            ctx.report(
                    DiagnosticKind.CALL_IN_EXPRESSION,
                    nameStart.start(),
                    ctx.lastEnd(),
                    ExpressionParser.keywordInExpressionMessage(keyword));
            keywords.skipLenient(oneLine);
            endStatement(oneLine, keyword.name());
            return;
        }
        if (target == null && keyword.plugin().blockKeywords().contains(keyword.name())) {
            BlockKeywords.parse(ctx, out, keyword, nameStart, start, oneLine);
            return;
        }
        boolean resultTo =
                ResultToForm.declared(keyword) && ResultToForm.toAhead(ctx, keyword, target != null, oneLine) >= 0;
        boolean into = !resultTo && target == null && IntoForm.intoAhead(ctx, keyword, 0, oneLine) >= 0;
        keywords.stopAt = resultTo ? "TO" : into ? "INTO" : null;
        List<Step.Argument> arguments;
        try {
            arguments = keywords.arguments(keyword, nameStart, oneLine);
        } finally {
            keywords.stopAt = null;
        }
        if (into && arguments != null && ctx.peek().is("INTO")) {
            target = IntoForm.read(ctx); // GET url INTO x: x = GET url
        } else if (resultTo && arguments != null && ctx.peek().is("TO")) {
            target = ResultToForm.read(ctx); // CARD a, b TO x: x = CARD a, b
        }
        endStatement(oneLine, "the arguments of " + keyword.name());
        if (arguments != null) {
            KeywordLowerings.emit(ctx, out, keyword, arguments, Optional.ofNullable(target), start, ctx.lastEnd());
        }
    }

    /**
     * A keyword that no installed plugin provides. Its name is its first word and the upper-case words
     * that follow; its arguments are parsed leniently, so that the only error is the unknown keyword
     * when the rest is well formed. A statement {@code WORD …} later closed by {@code END WORD} is one
     * unknown block whose body is not compiled.
     */
    private void unknownKeyword(List<Step> out, boolean oneLine, boolean statement) {
        Token first = ctx.peek();
        List<Token> run = KeywordCalls.nameRun(ctx, 0, true);
        String name = KeywordCalls.join(run);
        int nameEnd = run.getLast().end();
        if (statement && !oneLine && !Words.STATEMENTS.contains(first.upper())) {
            boolean begin = first.is("BEGIN") && run.size() > 1;
            String closer = begin ? name.substring(name.indexOf(' ') + 1) : first.upper();
            int endLine = ctx.outline.unknownBlockEnd(first.line(), closer, begin);
            if (endLine > 0) {
                ctx.sink.report(
                        DiagnosticKind.UNKNOWN_KEYWORD,
                        first.start(),
                        nameEnd,
                        "unknown keyword " + name + ": " + StandardLibrary.provider(name) + " (its block up to END "
                                + closer + " at line " + endLine + " is not compiled)",
                        name);
                for (int i = 0; i < run.size(); i++) {
                    ctx.next();
                }
                keywords.skipLenient(false);
                ctx.tokens.resetTo(ctx.source.lineEnd(endLine));
                endStatement(false, "END " + closer);
                return;
            }
        }
        ctx.sink.report(
                DiagnosticKind.UNKNOWN_KEYWORD,
                first.start(),
                nameEnd,
                "unknown keyword " + name + ": " + StandardLibrary.provider(name),
                name);
        for (int i = 0; i < run.size(); i++) {
            ctx.next();
        }
        keywords.skipLenient(oneLine);
        endStatement(oneLine, "the arguments of " + name);
    }

    /** {@code listV.splice(k, 1)}: a method-style call used as a statement. */
    private void expressionStatement(List<Step> out, boolean oneLine) {
        Token first = ctx.peek();
        Expression expression = expressions.expression();
        if (forms.mutatorCall(out, expression)) {
            endStatement(oneLine, "the expression");
            return;
        }
        if (expression.tree() instanceof Expr.Call call) {
            if (ctx.catalogue.function(call.function()).isPresent()) {
                ctx.report(
                        DiagnosticKind.SYNTAX,
                        first.start(),
                        ctx.lastEnd(),
                        "the value of " + call.function() + "(…) is not used: assign it to a variable");
            }
        } else {
            ctx.report(
                    DiagnosticKind.SYNTAX,
                    first.start(),
                    ctx.lastEnd(),
                    "expected a statement, found only a value: assign it (x = …) or remove it");
        }
        endStatement(oneLine, "the expression");
    }

    // ---------------------------------------------------------------------------------------------
    // IF

    private void ifStatement(List<Step> out, boolean oneLine) {
        Token keyword = ctx.next();
        Expression condition;
        try {
            condition = expressions.expression();
            ctx.expectWord("THEN", "expected THEN after the IF condition");
        } catch (ParseError e) {
            if (oneLine) {
                throw e;
            }
            boolean block = lineEndsWithThen(keyword);
            recover(keyword);
            if (block) {
                blockIf(out, keyword, placeholder(keyword), keyword.end());
            }
            return;
        }
        if (!ctx.peek().endsLine()) {
            oneLineIf(out, keyword, condition, oneLine);
            return;
        }
        if (oneLine) {
            throw blockOnOneLine(keyword);
        }
        int headerEnd = ctx.lastEnd();
        ctx.next();
        blockIf(out, keyword, condition, headerEnd);
    }

    private boolean lineEndsWithThen(Token keyword) {
        String line = ctx.source.lineText(keyword.line()).strip();
        int comment = line.indexOf('\'');
        if (comment >= 0 && line.indexOf('"') < 0) {
            line = line.substring(0, comment).strip();
        }
        return line.length() >= 4 && line.regionMatches(true, line.length() - 4, "THEN", 0, 4);
    }

    private Expression placeholder(Token at) {
        return new Expression("", new Expr.Literal(NullValue.NULL), ctx.span(at.start(), at.end()));
    }

    private void blockIf(List<Step> out, Token keyword, Expression condition, int headerEnd) {
        Frame frame = new Frame(Kind.IF, keyword, null, "END IF");
        SourceSpan headerSpan = ctx.span(keyword.start(), headerEnd);
        List<Step.Branch> branches = new ArrayList<>();
        branches.add(new Step.Branch(headerSpan, condition, block(frame)));
        List<Step> otherwise = List.of();
        boolean elseSeen = false;
        while (true) {
            Closer closer = closer(false);
            if (closer == Closer.ELSEIF || (closer == Closer.ELSE && ctx.peek(1).is("IF") && thenEndsLine(2))) {
                Token branchStart = ctx.next();
                if (branchStart.is("ELSE")) {
                    ctx.next();
                }
                Expression branchCondition;
                int branchEnd;
                try {
                    branchCondition = expressions.expression();
                    ctx.expectWord("THEN", "expected THEN after the ELSEIF condition");
                    branchEnd = ctx.lastEnd();
                    endStatement(false, "ELSEIF … THEN");
                } catch (ParseError e) {
                    recover(branchStart);
                    branchCondition = placeholder(branchStart);
                    branchEnd = branchStart.end();
                }
                if (elseSeen) {
                    ctx.report(
                            DiagnosticKind.MISPLACED_STATEMENT,
                            branchStart.start(),
                            branchStart.end(),
                            "ELSEIF after ELSE in the IF at line " + keyword.line());
                }
                List<Step> body = block(frame);
                if (!elseSeen) {
                    branches.add(new Step.Branch(ctx.span(branchStart.start(), branchEnd), branchCondition, body));
                }
            } else if (closer == Closer.ELSE) {
                Token elseToken = ctx.next();
                List<Step> body = new ArrayList<>();
                if (!ctx.peek().endsLine()) {
                    statement(body, false);
                } else {
                    ctx.next();
                }
                body.addAll(block(frame));
                if (elseSeen) {
                    ctx.report(
                            DiagnosticKind.MISPLACED_STATEMENT,
                            elseToken.start(),
                            elseToken.end(),
                            "a second ELSE in the IF at line " + keyword.line());
                } else {
                    otherwise = body;
                }
                elseSeen = true;
            } else if (closer == Closer.END_IF) {
                Token end = ctx.next();
                if (end.is("END")) {
                    ctx.next();
                }
                endStatementRecovering(end, "END IF");
                break;
            } else {
                break;
            }
        }
        out.add(new Step.If(headerSpan, branches, otherwise));
    }

    /** After {@code ELSE IF …}: whether the last THEN of the line ends it (else it is ELSE + one-line IF). */
    private boolean thenEndsLine(int ahead) {
        int lastThen = -1;
        int depth = 0;
        for (int k = ahead; k < ahead + 512; k++) {
            Token token = ctx.peek(k);
            if (token.endsLine()) {
                return lastThen >= 0 && lastThen == k - 1;
            }
            switch (token.kind()) {
                case LEFT_PAREN, LEFT_BRACKET, LEFT_BRACE, HASH_BRACE -> depth++;
                case RIGHT_PAREN, RIGHT_BRACKET, RIGHT_BRACE -> depth--;
                default -> {
                    if (depth == 0 && token.is("THEN")) {
                        lastThen = k;
                    }
                }
            }
        }
        return true;
    }

    private void oneLineIf(List<Step> out, Token keyword, Expression condition, boolean nested) {
        if (++oneLineDepth > MAX_ONE_LINE_DEPTH) {
            oneLineDepth--;
            ctx.report(
                    DiagnosticKind.NESTED_TOO_DEEPLY,
                    keyword.start(),
                    keyword.end(),
                    "one-line IFs nested too deeply (more than " + MAX_ONE_LINE_DEPTH + "); use block IFs");
            throw ParseError.INSTANCE;
        }
        try {
            List<Step> thenSteps = new ArrayList<>();
            statement(thenSteps, true);
            List<Step> elseSteps = List.of();
            if (ctx.peek().is("ELSE")) {
                ctx.next();
                elseSteps = new ArrayList<>();
                statement(elseSteps, true);
            }
            int end = ctx.lastEnd();
            endStatement(nested, "the one-line IF");
            SourceSpan span = ctx.span(keyword.start(), end);
            out.add(new Step.If(span, List.of(new Step.Branch(span, condition, thenSteps)), elseSteps));
        } finally {
            oneLineDepth--;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Loops

    private void forStatement(List<Step> out, boolean oneLine) {
        if (oneLine) {
            throw blockOnOneLine(ctx.peek());
        }
        Token keyword = ctx.next();
        boolean each = ctx.acceptWord("EACH");
        String variable = "_";
        Expression items = null;
        Expression from = null;
        Expression to = null;
        Optional<Expression> step = Optional.empty();
        int headerEnd = keyword.end();
        try {
            Token name = ctx.expectName(
                    each ? "expected the loop variable after FOR EACH" : "expected the loop variable after FOR");
            variable = name.text().toLowerCase(Locale.ROOT);
            if (each || ctx.peek().is("IN")) {
                ctx.expectWord("IN", "expected IN after FOR EACH " + name.text());
                items = expressions.expression();
            } else {
                ctx.expect(
                        TokenKind.EQUAL,
                        "expected '=' after FOR " + name.text() + " (FOR i = 1 TO 10), or EACH (FOR EACH x IN list)");
                from = expressions.expression();
                ctx.expectWord("TO", "expected TO after the start value of FOR");
                to = expressions.expression();
                if (ctx.acceptWord("STEP")) {
                    step = Optional.of(expressions.expression());
                }
            }
            ctx.acceptWord("DO");
            headerEnd = ctx.lastEnd();
            endStatement(false, "the FOR header");
        } catch (ParseError e) {
            recover(keyword);
        }
        Frame frame = new Frame(Kind.FOR, keyword, variable, "NEXT");
        List<Step> body = block(frame);
        Closer closer = closer(false);
        if (closer == Closer.NEXT) {
            Token next = ctx.next();
            Token name = ctx.peek();
            if (name.kind() == TokenKind.IDENTIFIER && !variable.equals("_")) {
                ctx.next();
                if (!name.text().equalsIgnoreCase(variable)) {
                    ctx.report(
                            DiagnosticKind.UNMATCHED_BLOCK_END,
                            name.start(),
                            name.end(),
                            "NEXT " + name.text() + " does not match the FOR " + variable + " at line "
                                    + keyword.line());
                }
            }
            endStatementRecovering(next, "NEXT");
        } else if (closer == Closer.END_FOR) {
            Token end = ctx.next();
            ctx.next();
            endStatementRecovering(end, "END FOR");
        }
        SourceSpan span = ctx.span(keyword.start(), headerEnd);
        Expression fallback = placeholder(keyword);
        if (each || items != null) {
            out.add(new Step.ForEach(span, variable, items == null ? fallback : items, body));
        } else {
            out.add(new Step.ForRange(
                    span, variable, from == null ? fallback : from, to == null ? fallback : to, step, body));
        }
    }

    private void doLoop(List<Step> out, boolean oneLine) {
        if (oneLine) {
            throw blockOnOneLine(ctx.peek());
        }
        Token keyword = ctx.next();
        Step.LoopTest test = Step.LoopTest.NONE;
        Optional<Expression> condition = Optional.empty();
        int headerEnd = keyword.end();
        try {
            if (ctx.acceptWord("WHILE")) {
                test = Step.LoopTest.WHILE_BEFORE;
                condition = Optional.of(expressions.expression());
            } else if (ctx.acceptWord("UNTIL")) {
                test = Step.LoopTest.UNTIL_BEFORE;
                condition = Optional.of(expressions.expression());
            }
            headerEnd = ctx.lastEnd();
            endStatement(false, "the DO header");
        } catch (ParseError e) {
            recover(keyword);
            if (test != Step.LoopTest.NONE && condition.isEmpty()) {
                condition = Optional.of(placeholder(keyword));
            }
        }
        Frame frame = new Frame(Kind.DO, keyword, null, "LOOP");
        List<Step> body = block(frame);
        if (closer(false) == Closer.LOOP) {
            Token loop = ctx.next();
            try {
                Token word = ctx.peek();
                if (word.is("WHILE") || word.is("UNTIL")) {
                    ctx.next();
                    Expression after = expressions.expression();
                    if (test != Step.LoopTest.NONE) {
                        ctx.report(
                                DiagnosticKind.SYNTAX,
                                word.start(),
                                word.end(),
                                "this DO loop already tests a condition after DO (line " + keyword.line()
                                        + "); test it after DO or after LOOP, not both");
                    } else {
                        test = word.is("WHILE") ? Step.LoopTest.WHILE_AFTER : Step.LoopTest.UNTIL_AFTER;
                        condition = Optional.of(after);
                    }
                }
                endStatement(false, "LOOP");
            } catch (ParseError e) {
                recover(loop);
            }
        }
        out.add(new Step.DoLoop(ctx.span(keyword.start(), headerEnd), test, condition, body));
    }

    private void whileLoop(List<Step> out, boolean oneLine) {
        if (oneLine) {
            throw blockOnOneLine(ctx.peek());
        }
        Token keyword = ctx.next();
        Expression condition;
        int headerEnd;
        try {
            condition = expressions.expression();
            ctx.acceptWord("DO");
            headerEnd = ctx.lastEnd();
            endStatement(false, "the WHILE condition");
        } catch (ParseError e) {
            recover(keyword);
            condition = placeholder(keyword);
            headerEnd = keyword.end();
        }
        Frame frame = new Frame(Kind.WHILE, keyword, null, "WEND");
        List<Step> body = block(frame);
        Closer closer = closer(false);
        if (closer == Closer.WEND || closer == Closer.END_WHILE) {
            Token end = ctx.next();
            if (closer == Closer.END_WHILE) {
                ctx.next();
            }
            endStatementRecovering(end, closer == Closer.WEND ? "WEND" : "END WHILE");
        }
        out.add(new Step.DoLoop(
                ctx.span(keyword.start(), headerEnd), Step.LoopTest.WHILE_BEFORE, Optional.of(condition), body));
    }

    /** {@code TRY} … [{@code CATCH [e]} …] {@code END TRY}: see {@link TryLowering}. */
    private void tryStatement(List<Step> out, boolean oneLine) {
        if (oneLine) {
            throw blockOnOneLine(ctx.peek());
        }
        Token keyword = ctx.next();
        endStatement(false, "TRY");
        List<Step> body = block(new Frame(Kind.TRY, keyword, null, "CATCH or END TRY"));
        String variable = null;
        List<Step> handler = List.of();
        if (ctx.peek().is("CATCH") && ctx.peek(1).kind() != TokenKind.EQUAL) { // the TRY frame is closed now
            Token catchWord = ctx.next();
            if (ctx.peek().kind() == TokenKind.IDENTIFIER) {
                variable = ctx.next().text();
            }
            endStatementRecovering(catchWord, "CATCH");
            handler = block(new Frame(Kind.CATCH, catchWord, null, "END TRY"));
        }
        if (closer(false) == Closer.END_TRY) {
            Token end = ctx.next();
            ctx.next();
            endStatementRecovering(end, "END TRY");
        }
        out.add(tries.lower(ctx.span(keyword.start(), keyword.end()), body, variable, handler));
    }

    private void exit(List<Step> out, boolean oneLine) {
        Token keyword = ctx.next();
        Step.ExitTarget target;
        String what;
        if (keywords.atStatementEnd(oneLine)) {
            target = Step.ExitTarget.SCRIPT;
            what = null;
        } else {
            Token word = ctx.next();
            what = word.upper();
            target = switch (what) {
                case "FOR" -> Step.ExitTarget.FOR;
                case "DO", "WHILE" -> Step.ExitTarget.DO;
                case "SUB", "FUNCTION" -> Step.ExitTarget.PROCEDURE;
                default -> throw ctx.error(word, "expected FOR, DO, WHILE, SUB or FUNCTION after EXIT");
            };
        }
        endStatement(oneLine, "EXIT");
        if (what != null) {
            checkExit(keyword, what);
        }
        out.add(new Step.Exit(ctx.span(keyword.start(), ctx.lastEnd()), target));
    }

    private void checkExit(Token keyword, String what) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            Kind kind = frames.get(i).kind();
            boolean procedure = kind == Kind.SUB || kind == Kind.FUNCTION || kind == Kind.TOP;
            switch (what) {
                case "FOR" -> {
                    if (kind == Kind.FOR) {
                        return;
                    }
                }
                case "DO", "WHILE" -> {
                    if (kind == Kind.DO || kind == Kind.WHILE) {
                        return;
                    }
                }
                default -> {
                    if (procedure) {
                        if (kind.name().equals(what)) {
                            return;
                        }
                        if (kind != Kind.TOP) {
                            ctx.report(
                                    DiagnosticKind.MISPLACED_STATEMENT,
                                    keyword.start(),
                                    ctx.lastEnd(),
                                    "EXIT " + what + " inside a " + kind + "; use EXIT " + kind);
                            return;
                        }
                    }
                }
            }
            if (procedure) {
                break;
            }
        }
        String place = switch (what) {
            case "FOR" -> "a FOR loop";
            case "DO", "WHILE" -> "a DO or WHILE loop";
            default -> "a " + what;
        };
        ctx.report(
                DiagnosticKind.MISPLACED_STATEMENT,
                keyword.start(),
                ctx.lastEnd(),
                "EXIT " + what + " outside " + place + " (a plain EXIT ends the script)");
    }

    // ---------------------------------------------------------------------------------------------
    // SELECT CASE / SWITCH

    private void select(List<Step> out, boolean oneLine) {
        if (oneLine) {
            throw blockOnOneLine(ctx.peek());
        }
        Token keyword = ctx.next();
        boolean isSwitch = keyword.is("SWITCH");
        if (!isSwitch) {
            ctx.next();
        }
        String opener = isSwitch ? "SWITCH" : "SELECT CASE";
        Expression subject;
        int headerEnd;
        try {
            subject = expressions.expression();
            headerEnd = ctx.lastEnd();
            endStatement(false, "the " + opener + " value");
        } catch (ParseError e) {
            recover(keyword);
            subject = placeholder(keyword);
            headerEnd = keyword.end();
        }
        Frame frame = new Frame(Kind.SELECT, keyword, null, isSwitch ? "END SWITCH" : "END SELECT");
        Token first = skipBlankLines();
        Closer initial = closer(true);
        if (first.kind() != TokenKind.END_OF_INPUT
                && initial != Closer.CASE
                && initial != Closer.DEFAULT
                && initial != Closer.END_SELECT) {
            ctx.report(
                    DiagnosticKind.SYNTAX,
                    first.start(),
                    lineEndOf(first),
                    "expected CASE after the " + opener + " at line " + keyword.line());
            block(frame);
        }
        List<Step.Case> cases = new ArrayList<>();
        List<Step> otherwise = List.of();
        boolean otherwiseSeen = false;
        while (true) {
            Closer closer = closer(true);
            if (closer == Closer.CASE || closer == Closer.DEFAULT) {
                Token caseToken = ctx.next();
                boolean isElse = closer == Closer.DEFAULT || ctx.acceptWord("ELSE");
                List<Step.CaseTest> tests = new ArrayList<>();
                int caseEnd = ctx.lastEnd();
                try {
                    if (!isElse) {
                        tests = caseTests();
                        caseEnd = ctx.lastEnd();
                    }
                    endStatement(false, "the CASE values");
                } catch (ParseError e) {
                    recover(caseToken);
                    if (tests.isEmpty()) {
                        tests = List.of(new Step.CaseTest.Equals(placeholder(caseToken)));
                    }
                }
                if (!isElse && otherwiseSeen) {
                    ctx.report(
                            DiagnosticKind.MISPLACED_STATEMENT,
                            caseToken.start(),
                            caseToken.end(),
                            "CASE after CASE ELSE in the " + opener + " at line " + keyword.line()
                                    + ": CASE ELSE must come last");
                }
                List<Step> body = block(frame);
                if (isElse) {
                    if (otherwiseSeen) {
                        ctx.report(
                                DiagnosticKind.DUPLICATE_DEFINITION,
                                caseToken.start(),
                                caseToken.end(),
                                "a second CASE ELSE in the " + opener + " at line " + keyword.line());
                    } else {
                        otherwise = body;
                    }
                    otherwiseSeen = true;
                } else {
                    cases.add(new Step.Case(ctx.span(caseToken.start(), caseEnd), tests, body));
                }
            } else if (closer == Closer.END_SELECT) {
                Token end = ctx.next();
                ctx.next();
                endStatementRecovering(end, "END SELECT");
                break;
            } else {
                break;
            }
        }
        out.add(new Step.Select(ctx.span(keyword.start(), headerEnd), subject, cases, otherwise));
    }

    private List<Step.CaseTest> caseTests() {
        List<Step.CaseTest> tests = new ArrayList<>();
        do {
            if (ctx.peek().is("IS")) {
                ctx.next();
                Token operator = ctx.next();
                Expr.BinaryOperator comparison = switch (operator.kind()) {
                    case EQUAL, EQUAL_EQUAL -> Expr.BinaryOperator.EQUAL;
                    case NOT_EQUAL -> Expr.BinaryOperator.NOT_EQUAL;
                    case LESS -> Expr.BinaryOperator.LESS;
                    case LESS_EQUAL -> Expr.BinaryOperator.LESS_OR_EQUAL;
                    case GREATER -> Expr.BinaryOperator.GREATER;
                    case GREATER_EQUAL -> Expr.BinaryOperator.GREATER_OR_EQUAL;
                    default -> throw ctx.error(operator, "expected a comparison (=, <>, <, <=, >, >=) after CASE IS");
                };
                tests.add(new Step.CaseTest.Compare(comparison, expressions.expression()));
            } else {
                Expression low = expressions.expression();
                if (ctx.acceptWord("TO")) {
                    tests.add(new Step.CaseTest.Between(low, expressions.expression()));
                } else {
                    tests.add(new Step.CaseTest.Equals(low));
                }
            }
        } while (ctx.accept(TokenKind.COMMA));
        return tests;
    }

    // ---------------------------------------------------------------------------------------------
    // Procedures

    private void procedure(boolean oneLine) {
        if (oneLine) {
            throw blockOnOneLine(ctx.peek());
        }
        Token keyword = ctx.next();
        boolean function = keyword.is("FUNCTION");
        Token name = null;
        List<String> parameters = new ArrayList<>();
        int headerEnd = keyword.end();
        try {
            name = ctx.expectName("expected the name of the " + keyword.upper());
            boolean parenthesised = ctx.accept(TokenKind.LEFT_PAREN);
            if (!parenthesised || !ctx.accept(TokenKind.RIGHT_PAREN)) {
                while (ctx.peek().kind() == TokenKind.IDENTIFIER && !ctx.peek().is("AS")) {
                    Token parameter = ctx.next();
                    String lower = parameter.text().toLowerCase(Locale.ROOT);
                    if (parameters.contains(lower)) {
                        ctx.report(
                                DiagnosticKind.DUPLICATE_DEFINITION,
                                parameter.start(),
                                parameter.end(),
                                "the parameter " + lower + " is declared twice");
                    }
                    parameters.add(lower);
                    if (ctx.acceptWord("AS")) {
                        ctx.expectName("expected a type after AS");
                    }
                    if (!ctx.accept(TokenKind.COMMA)) {
                        break;
                    }
                }
                if (parenthesised) {
                    ctx.expect(TokenKind.RIGHT_PAREN, "expected ',' or ')' in the parameters of " + name.text());
                }
            }
            if (ctx.acceptWord("AS")) {
                ctx.expectName("expected a type after AS");
            }
            headerEnd = ctx.lastEnd();
            endStatement(false, "the " + keyword.upper() + " header");
        } catch (ParseError e) {
            recover(keyword);
        }
        Frame enclosing = frames.getLast();
        boolean nested = enclosing.kind() != Kind.TOP;
        if (nested) {
            ctx.report(
                    DiagnosticKind.MISPLACED_STATEMENT,
                    keyword.start(),
                    keyword.end(),
                    "a " + keyword.upper() + " must be defined at the top level of the script, not inside the "
                            + openerName(enclosing) + " at line "
                            + enclosing.opener().line());
        }
        Frame frame =
                new Frame(function ? Kind.FUNCTION : Kind.SUB, keyword, null, function ? "END FUNCTION" : "END SUB");
        List<Step> body = block(frame);
        Closer closer = closer(false);
        if (closer == (function ? Closer.END_FUNCTION : Closer.END_SUB)) {
            Token end = ctx.next();
            ctx.next();
            endStatementRecovering(end, closer == Closer.END_SUB ? "END SUB" : "END FUNCTION");
        }
        if (name == null || nested) {
            return;
        }
        String lower = name.text().toLowerCase(Locale.ROOT);
        Token previous = procedureNames.get(lower);
        if (previous != null) {
            ctx.report(
                    DiagnosticKind.DUPLICATE_DEFINITION,
                    name.start(),
                    name.end(),
                    keyword.upper() + " " + lower + " is already defined at line " + previous.line());
            return;
        }
        if (ctx.catalogue.function(name.upper()).isPresent()) {
            ctx.report(
                    DiagnosticKind.DUPLICATE_DEFINITION,
                    name.start(),
                    name.end(),
                    keyword.upper() + " " + lower + " has the name of the function " + name.upper()
                            + "; choose another name");
            return;
        }
        procedureNames.put(lower, name);
        boolean givesValue = function || subsReturningValues.contains(keyword);
        procedures.put(lower, new Procedure(ctx.span(keyword.start(), headerEnd), lower, parameters, givesValue, body));
    }

    private void call(List<Step> out, boolean oneLine) {
        Token keyword = ctx.next();
        Token token = ctx.peek();
        if (token.kind() != TokenKind.IDENTIFIER) {
            ctx.tokens.resetTo(keyword.start());
            callScript(out, Optional.empty(), keyword.start(), oneLine);
            return;
        }
        procedureCall(out, Optional.empty(), keyword.start(), oneLine);
    }

    /** {@code CALL "other.bas"[, arg…]}, also as the value of an assignment. */
    private void callScript(List<Step> out, Optional<Target> result, int start, boolean oneLine) {
        ctx.next();
        Expression script = expressions.expression();
        List<Expression> arguments = new ArrayList<>();
        while (ctx.accept(TokenKind.COMMA)) {
            ctx.skipNewlines();
            arguments.add(expressions.expression());
        }
        endStatement(oneLine, "the script and arguments of CALL");
        out.add(new Step.CallScript(ctx.span(start, ctx.lastEnd()), script, arguments, result));
    }

    /** {@code name(args)}, {@code name args} or {@code name}: a call of the script's SUB or FUNCTION. */
    private void procedureCall(List<Step> out, Optional<Target> result, int start, boolean oneLine) {
        Token name = ctx.expectName("expected the name of a SUB or FUNCTION");
        List<Expression> arguments = new ArrayList<>();
        if (ctx.peek().kind() == TokenKind.LEFT_PAREN && KeywordCalls.parenGroupEndsLine(ctx, 0)) {
            Token open = ctx.next();
            ctx.skipNewlines();
            while (!ctx.accept(TokenKind.RIGHT_PAREN)) {
                arguments.add(expressions.expression());
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
        } else {
            while (!keywords.atStatementEnd(oneLine)) {
                arguments.add(expressions.expression());
                if (!ctx.accept(TokenKind.COMMA)) {
                    break;
                }
                ctx.skipNewlines();
            }
        }
        endStatement(oneLine, "the call of " + name.text());
        String lower = name.text().toLowerCase(Locale.ROOT);
        calls.add(new PendingCall(name, lower, arguments.size(), result.isPresent()));
        out.add(new Step.CallProcedure(ctx.span(start, ctx.lastEnd()), lower, arguments, result));
    }

    /** Checks every procedure call against the procedures the script defines. */
    private void checkCalls() {
        for (PendingCall call : calls) {
            Procedure procedure = procedures.get(call.procedure());
            Token name = call.name();
            if (procedure == null) {
                ctx.report(
                        DiagnosticKind.UNDEFINED_PROCEDURE,
                        name.start(),
                        name.end(),
                        "no SUB or FUNCTION named " + call.procedure() + " in this script");
            } else if (procedure.parameters().size() != call.arguments()) {
                ctx.report(
                        DiagnosticKind.ARGUMENT_COUNT,
                        name.start(),
                        name.end(),
                        (procedure.function() ? "FUNCTION " : "SUB ") + call.procedure() + " takes "
                                + ExpressionParser.arity(
                                        procedure.parameters().size(),
                                        procedure.parameters().size())
                                + " (" + String.join(", ", procedure.parameters()) + "), but " + call.arguments()
                                + (call.arguments() == 1 ? " is" : " are") + " given");
            } else if (call.wantsValue() && !procedure.function()) {
                ctx.report(
                        DiagnosticKind.KEYWORD_FORM,
                        name.start(),
                        name.end(),
                        "SUB " + call.procedure() + " gives no value; make it a FUNCTION to assign its result");
            }
        }
    }

    private void returnStatement(List<Step> out, boolean oneLine) {
        Token keyword = ctx.next();
        ctx.tokens.rescanSingleQuoted(ctx.text);
        Optional<Expression> value = Optional.empty();
        if (!keywords.atStatementEnd(oneLine)) {
            if (ctx.peek().is("WITH")
                    && ctx.peek(1).kind() == TokenKind.IDENTIFIER
                    && ctx.peek(2).is("AS")) {
                value = Optional.of(returnWith());
            } else {
                value = Optional.of(expressions.expression());
            }
        }
        endStatement(oneLine, "the RETURN value");
        if (value.isPresent()) {
            for (int i = frames.size() - 1; i >= 0; i--) {
                Kind kind = frames.get(i).kind();
                if (kind == Kind.SUB) {
                    // General Bots lets a SUB RETURN a value: such a SUB is a FUNCTION
                    subsReturningValues.add(frames.get(i).opener());
                }
                if (kind == Kind.SUB || kind == Kind.FUNCTION) {
                    break;
                }
            }
        }
        out.add(new Step.Return(ctx.span(keyword.start(), ctx.lastEnd()), value));
    }

    /** {@code RETURN WITH a AS x, b AS y}: returns the map {@code {a: x, b: y}}. */
    private Expression returnWith() {
        Token with = ctx.next();
        List<Expr.MapEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        do {
            ctx.skipNewlines();
            Token name = ctx.expectName("expected a field name after WITH");
            ctx.expectWord("AS", "expected AS after the field name " + name.text());
            Expr value = expressions.expr();
            if (!names.add(name.text())) {
                ctx.report(
                        DiagnosticKind.DUPLICATE_DEFINITION,
                        name.start(),
                        name.end(),
                        "the field " + name.text() + " appears twice in RETURN WITH");
            }
            entries.add(new Expr.MapEntry(name.text(), value));
        } while (ctx.accept(TokenKind.COMMA));
        return ctx.expression(new Expr.MapLiteral(entries), with.start(), ctx.lastEnd());
    }

    // ---------------------------------------------------------------------------------------------
    // WITH, PARAM, DESCRIPTION

    private void with(List<Step> out, boolean oneLine) {
        with(out, oneLine, null);
    }

    /** {@code WITH obj} … {@code END WITH}; with a target given, {@code obj = WITH} … {@code END WITH}. */
    private void with(List<Step> out, boolean oneLine, Target assigned) {
        if (oneLine) {
            throw blockOnOneLine(ctx.peek());
        }
        Token keyword = ctx.next();
        Target target = assigned;
        int headerEnd;
        try {
            if (target == null) {
                target = expressions.target();
            }
            headerEnd = ctx.lastEnd();
            endStatement(false, "WITH " + target.variable());
        } catch (ParseError e) {
            // not a WITH block header: do not take the following lines as its fields
            recover(keyword);
            return;
        }
        List<Step.WithField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean closed = ctx.outline.unknownBlockEnd(keyword.line(), "WITH", false) > 0;
        while (true) {
            Token token = skipBlankLines();
            if (token.kind() == TokenKind.END_OF_INPUT) {
                ctx.report(
                        DiagnosticKind.UNCLOSED_BLOCK,
                        keyword.start(),
                        keyword.end(),
                        "WITH at line " + keyword.line() + " is not closed: expected END WITH before the end of the"
                                + " file");
                break;
            }
            if (token.is("END") && ctx.peek(1).is("WITH")) {
                ctx.next();
                ctx.next();
                endStatementRecovering(token, "END WITH");
                break;
            }
            if (closer(false) != null) {
                ctx.report(
                        DiagnosticKind.UNCLOSED_BLOCK,
                        keyword.start(),
                        keyword.end(),
                        "WITH at line " + keyword.line() + " is not closed: expected END WITH before "
                                + lineWords(token) + " at line " + token.line());
                break;
            }
            boolean field = token.kind() == TokenKind.IDENTIFIER && ctx.peek(1).kind() == TokenKind.EQUAL
                    || token.kind() == TokenKind.DOT;
            if (!field && !closed) {
                // no END WITH follows: the WITH ended before this statement
                ctx.report(
                        DiagnosticKind.UNCLOSED_BLOCK,
                        keyword.start(),
                        keyword.end(),
                        "WITH at line " + keyword.line() + " is not closed: expected END WITH before "
                                + lineWords(token) + " at line " + token.line());
                break;
            }
            try {
                ctx.accept(TokenKind.DOT);
                Token name = ctx.peek();
                if (name.kind() != TokenKind.IDENTIFIER || ctx.peek(1).kind() != TokenKind.EQUAL) {
                    throw ctx.error(
                            name, "expected 'name = value' between WITH (line " + keyword.line() + ") and END WITH");
                }
                ctx.next();
                ctx.next();
                Expression value = expressions.expression();
                int end = ctx.lastEnd();
                endStatement(false, "the value of " + name.text());
                if (!names.add(name.text().toLowerCase(Locale.ROOT))) {
                    ctx.report(
                            DiagnosticKind.DUPLICATE_DEFINITION,
                            name.start(),
                            name.end(),
                            "the field " + name.text() + " is set twice in this WITH");
                }
                fields.add(new Step.WithField(ctx.span(token.start(), end), name.text(), value));
            } catch (ParseError e) {
                recover(token);
            }
        }
        out.add(new Step.With(ctx.span(keyword.start(), headerEnd), target, fields));
    }
}
