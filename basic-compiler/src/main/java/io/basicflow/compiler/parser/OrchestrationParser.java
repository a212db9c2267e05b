package io.basicflow.compiler.parser;

import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Orchestration;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.TextValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses the orchestration statements: {@code ORCHESTRATE WORKFLOW "name"}, {@code STEP n: BOT "bot"
 * "task"} and the block {@code STEP n: PARALLEL} / {@code BRANCH X: BOT "bot" "task"} / {@code END
 * PARALLEL}, {@code PUBLISH EVENT "name" [WITH data]} and {@code [x =] WAIT FOR EVENT "name" [TIMEOUT
 * seconds]}. The bot and the task are two expressions, side by side or separated by a comma.
 */
final class OrchestrationParser {

    /** The variable the statement form of {@code WAIT FOR EVENT} assigns. */
    static final String EVENT_VARIABLE = "event";

    private final ParseContext ctx;
    private final ExpressionParser expressions;
    private final OnTriggers triggers;
    private final DelegateParser delegates;
    private final BotSetParser botSet;

    OrchestrationParser(ParseContext ctx, ExpressionParser expressions) {
        this.ctx = ctx;
        this.expressions = expressions;
        this.triggers = new OnTriggers(ctx);
        this.delegates = new DelegateParser(ctx, expressions);
        this.botSet = new BotSetParser(ctx, expressions);
    }

    /**
     * Whether the next tokens start an orchestration statement: {@code ORCHESTRATE WORKFLOW}, or
     * {@code STEP label :} (so that {@code step = 1} and a plugin's {@code STEP} keyword stay theirs).
     */
    boolean starts() {
        Token first = ctx.peek();
        if (first.is("ORCHESTRATE")) {
            return ctx.peek(1).is("WORKFLOW");
        }
        if (first.is("PUBLISH")) {
            return ctx.peek(1).is("EVENT");
        }
        if (startsWaitForEvent()
                || triggers.starts()
                || delegates.starts()
                || delegates.startsTransfer()
                || botSet.starts()) {
            return true;
        }
        if (first.is("STEP")) {
            TokenKind label = ctx.peek(1).kind();
            return (label == TokenKind.NUMBER || label == TokenKind.IDENTIFIER)
                    && ctx.peek(2).kind() == TokenKind.COLON;
        }
        return false;
    }

    /** Whether the next tokens are {@code WAIT FOR EVENT} (also the right-hand side of an assignment). */
    boolean startsWaitForEvent() {
        return ctx.peek().is("WAIT") && ctx.peek(1).is("FOR") && ctx.peek(2).is("EVENT");
    }

    /**
     * {@code WAIT FOR EVENT name [TIMEOUT seconds]}, its value going to the target.
     *
     * @param out where the step goes
     * @param target the assignment's target, or null for the statement form (variable {@code event})
     * @param start where the statement starts
     * @param oneLine inside a one-line IF
     */
    void waitForEvent(List<Step> out, Target target, int start, boolean oneLine) {
        ctx.next();
        ctx.next();
        Token event = ctx.next();
        if (ctx.peek().endsLine()) {
            throw ctx.error(ctx.peek(), "WAIT FOR EVENT needs an event name, such as WAIT FOR EVENT \"approved\"");
        }
        Expression name = expressions.expression();
        Optional<Expression> timeout = Optional.empty();
        if (ctx.acceptWord("TIMEOUT")) {
            if (ctx.peek().endsLine()) {
                throw ctx.error(ctx.peek(), "TIMEOUT needs a number of seconds, such as TIMEOUT 3600");
            }
            timeout = Optional.of(expressions.expression());
        }
        end(oneLine, "WAIT FOR EVENT " + name.text());
        out.add(new Step.Orchestrate(
                ctx.span(start, ctx.lastEnd()),
                new Orchestration.WaitForEvent(
                        name, timeout, target != null ? target : Target.variable(EVENT_VARIABLE))));
    }

    /** Whether the next tokens are {@code DELEGATE … TO BOT} (also the right-hand side of an assignment). */
    boolean startsDelegate() {
        return delegates.starts();
    }

    /** {@code DELEGATE task TO BOT bot [TIMEOUT s]}; {@code target} is null for the statement form. */
    void delegate(List<Step> out, Target target, int start, boolean oneLine) {
        delegates.delegate(out, target, start, oneLine);
    }

    /** After a {@code HEAR}: routes a triggering input to its bot in a script that adds bots. */
    void afterHear(List<Step> out, io.basicflow.spi.program.SourceSpan span, Target target) {
        botSet.afterHear(out, span, target);
    }

    void statement(List<Step> out, boolean oneLine) {
        if (botSet.starts()) {
            botSet.statement(out, oneLine);
            return;
        }
        if (delegates.starts()) {
            delegates.delegate(out, null, ctx.peek().start(), oneLine);
            return;
        }
        if (delegates.startsTransfer()) {
            delegates.transfer(out, oneLine);
            return;
        }
        if (triggers.starts()) {
            triggers.statement();
            return;
        }
        if (startsWaitForEvent()) {
            waitForEvent(out, null, ctx.peek().start(), oneLine);
            return;
        }
        Token first = ctx.next();
        if (first.is("PUBLISH")) {
            ctx.next(); // EVENT
            if (ctx.peek().endsLine()) {
                throw ctx.error(ctx.peek(), "PUBLISH EVENT needs an event name, such as PUBLISH EVENT \"approved\"");
            }
            Expression name = expressions.expression();
            Optional<Expression> data = Optional.empty();
            if (ctx.acceptWord("WITH")) {
                if (ctx.peek().endsLine()) {
                    throw ctx.error(ctx.peek(), "WITH needs the event's data, such as WITH order_id");
                }
                data = Optional.of(expressions.expression());
            }
            end(oneLine, "PUBLISH EVENT " + name.text());
            out.add(new Step.Orchestrate(
                    ctx.span(first.start(), ctx.lastEnd()), new Orchestration.PublishEvent(name, data)));
            return;
        }
        if (first.is("ORCHESTRATE")) {
            ctx.next(); // WORKFLOW
            if (ctx.peek().endsLine()) {
                throw ctx.error(
                        ctx.peek(), "ORCHESTRATE WORKFLOW needs a name, such as ORCHESTRATE WORKFLOW \"orders\"");
            }
            Expression name = expressions.expression();
            end(oneLine, "the name of ORCHESTRATE WORKFLOW");
            out.add(new Step.Orchestrate(ctx.span(first.start(), ctx.lastEnd()), new Orchestration.Workflow(name)));
            return;
        }
        Token label = ctx.next();
        ctx.next(); // ':'
        Token what = ctx.peek();
        String stepLabel = label.text();
        if (what.is("BOT")) {
            Orchestration.BotCall call = botCall(first, stepLabel);
            end(oneLine, "the task of STEP " + stepLabel);
            out.add(new Step.Orchestrate(
                    ctx.span(first.start(), ctx.lastEnd()), new Orchestration.Bots(stepLabel, List.of(call), false)));
            return;
        }
        if (what.is("PARALLEL")) {
            if (oneLine) {
                throw ctx.error(what, "a STEP … PARALLEL block cannot follow THEN or ELSE on the same line");
            }
            ctx.next();
            int headerEnd = ctx.lastEnd();
            end(false, "STEP " + stepLabel + ": PARALLEL");
            List<Orchestration.BotCall> calls = branches(first, stepLabel);
            out.add(new Step.Orchestrate(
                    ctx.span(first.start(), headerEnd), new Orchestration.Bots(stepLabel, calls, true)));
            return;
        }
        if (what.is("HUMAN") && ctx.peek(1).is("APPROVAL")) {
            humanApproval(out, first, stepLabel, oneLine);
            return;
        }
        throw ctx.error(what, "expected BOT \"name\" \"task\" or PARALLEL after STEP " + stepLabel + ":");
    }

    /** The variable {@code STEP n: HUMAN APPROVAL} assigns: the approver's answer, or the timeout's action. */
    static final String APPROVAL_VARIABLE = "approval";

    /** The event an approver's answer is published as, to the waiting conversation. */
    static final String APPROVAL_EVENT = "approval";

    /**
     * {@code STEP n: HUMAN APPROVAL FROM "who"} with its optional {@code TIMEOUT s} and {@code ON
     * TIMEOUT: action} lines (the corpus's orchestration scripts; the reference shows approvals only as
     * a question the user confirms). Written as the steps it stands for: {@code TALK TO who, "Approval
     * needed: STEP n"}, then {@code approval = WAIT FOR EVENT "approval" [TIMEOUT s]} (the approver's
     * front end publishes the answer as the event {@code approval} to this conversation, {@code POST
     * /events/approval}), then, with {@code ON TIMEOUT}, {@code IF approval = "" THEN approval =
     * "<action as written>"}; an {@code ESCALATE TO "who"} action also sends the request to that
     * address. The script reads {@code approval} to decide what to do.
     */
    private void humanApproval(List<Step> out, Token step, String stepLabel, boolean oneLine) {
        if (oneLine) {
            throw ctx.error(step, "a STEP … HUMAN APPROVAL cannot follow THEN or ELSE on the same line");
        }
        ctx.next(); // HUMAN
        ctx.next(); // APPROVAL
        if (!ctx.acceptWord("FROM") || ctx.peek().endsLine()) {
            throw ctx.error(
                    ctx.peek(),
                    "STEP " + stepLabel + ": HUMAN APPROVAL needs the approver, such as HUMAN APPROVAL FROM"
                            + " \"manager@example.com\"");
        }
        Expression approver = expressions.expression();
        int headerEnd = ctx.lastEnd();
        end(false, "the approver of STEP " + stepLabel + ": HUMAN APPROVAL");
        Optional<Expression> timeout = Optional.empty();
        Expression escalateTo = null;
        String action = null;
        int actionStart = 0;
        while (true) {
            ctx.skipNewlines();
            Token next = ctx.peek();
            if (next.is("TIMEOUT") && timeout.isEmpty()) {
                ctx.next();
                if (ctx.peek().endsLine()) {
                    throw ctx.error(ctx.peek(), "TIMEOUT needs a number of seconds, such as TIMEOUT 3600");
                }
                timeout = Optional.of(expressions.expression());
                end(false, "the TIMEOUT of STEP " + stepLabel);
            } else if (next.is("ON") && ctx.peek(1).is("TIMEOUT") && action == null) {
                ctx.next();
                ctx.next();
                ctx.accept(TokenKind.COLON);
                actionStart = ctx.peek().start();
                if (ctx.peek().endsLine()) {
                    throw ctx.error(
                            ctx.peek(),
                            "ON TIMEOUT needs an action, such as ON TIMEOUT: REJECT or ESCALATE TO \"who\"");
                }
                if (ctx.peek().is("ESCALATE") && ctx.peek(1).is("TO")) {
                    ctx.next();
                    ctx.next();
                    escalateTo = expressions.expression();
                }
                while (!ctx.peek().endsLine()) {
                    ctx.next();
                }
                action = ctx.text
                        .substring(actionStart, ctx.lastEnd())
                        .replace("\"", "")
                        .strip();
                end(false, "the ON TIMEOUT action of STEP " + stepLabel);
            } else {
                break;
            }
        }
        if (action != null && timeout.isEmpty()) {
            throw ctx.error(
                    step, "STEP " + stepLabel + ": HUMAN APPROVAL has ON TIMEOUT but no TIMEOUT: add TIMEOUT seconds");
        }
        var span = ctx.span(step.start(), headerEnd);
        Expression request = new Expression(
                "\"Approval needed: STEP " + stepLabel + "\"",
                new Expr.Literal(new TextValue("Approval needed: STEP " + stepLabel)),
                span);
        out.add(new Step.TalkTo(span, approver, request));
        Expression event =
                new Expression("\"" + APPROVAL_EVENT + "\"", new Expr.Literal(new TextValue(APPROVAL_EVENT)), span);
        Target approval = Target.variable(APPROVAL_VARIABLE);
        out.add(new Step.Orchestrate(span, new Orchestration.WaitForEvent(event, timeout, approval)));
        if (action != null) {
            var actionSpan = ctx.span(actionStart, ctx.lastEnd());
            List<Step> onTimeout = new ArrayList<>();
            if (escalateTo != null) {
                onTimeout.add(new Step.TalkTo(actionSpan, escalateTo, request));
            }
            onTimeout.add(new Step.Assign(
                    actionSpan,
                    approval,
                    new Expression("\"" + action + "\"", new Expr.Literal(new TextValue(action)), actionSpan)));
            Expression timedOut = new Expression(
                    APPROVAL_VARIABLE + " = \"\"",
                    new Expr.Binary(
                            Expr.BinaryOperator.EQUAL,
                            new Expr.Variable(APPROVAL_VARIABLE),
                            new Expr.Literal(TextValue.EMPTY)),
                    actionSpan);
            out.add(new Step.If(actionSpan, List.of(new Step.Branch(actionSpan, timedOut, onTimeout)), List.of()));
        }
    }

    /** The {@code BRANCH X: BOT …} lines up to {@code END PARALLEL}. */
    private List<Orchestration.BotCall> branches(Token step, String stepLabel) {
        List<Orchestration.BotCall> calls = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        while (true) {
            ctx.skipNewlines();
            Token token = ctx.peek();
            if (token.is("END") && ctx.peek(1).is("PARALLEL")) {
                ctx.next();
                ctx.next();
                end(false, "END PARALLEL");
                break;
            }
            if (token.kind() == TokenKind.END_OF_INPUT) {
                ctx.report(
                        io.basicflow.compiler.diagnostics.DiagnosticKind.UNCLOSED_BLOCK,
                        step.start(),
                        step.end(),
                        "STEP " + stepLabel + ": PARALLEL at line " + step.line()
                                + " is not closed: expected END PARALLEL before the end of the file");
                throw ParseError.INSTANCE;
            }
            if (!token.is("BRANCH")) {
                throw ctx.error(
                        token,
                        "expected BRANCH X: BOT \"name\" \"task\" or END PARALLEL inside STEP " + stepLabel
                                + ": PARALLEL");
            }
            Token branch = ctx.next();
            Token label = ctx.peek();
            if (label.kind() != TokenKind.IDENTIFIER && label.kind() != TokenKind.NUMBER) {
                throw ctx.error(label, "expected a branch label after BRANCH, such as BRANCH A:");
            }
            ctx.next();
            ctx.expect(TokenKind.COLON, "expected ':' after BRANCH " + label.text());
            if (!ctx.peek().is("BOT")) {
                throw ctx.error(ctx.peek(), "expected BOT \"name\" \"task\" after BRANCH " + label.text() + ":");
            }
            String upper = label.text().toUpperCase(Locale.ROOT);
            if (labels.contains(upper)) {
                throw ctx.error(label, "BRANCH " + label.text() + " appears twice in STEP " + stepLabel);
            }
            labels.add(upper);
            calls.add(botCall(branch, label.text()));
            end(false, "the task of BRANCH " + label.text());
        }
        if (calls.isEmpty()) {
            ctx.report(
                    io.basicflow.compiler.diagnostics.DiagnosticKind.SYNTAX,
                    step.start(),
                    step.end(),
                    "STEP " + stepLabel + ": PARALLEL has no BRANCH: add BRANCH A: BOT \"name\" \"task\" lines");
            throw ParseError.INSTANCE;
        }
        return calls;
    }

    /** {@code BOT bot task} or {@code BOT bot, task}, from the {@code BOT} token on. */
    private Orchestration.BotCall botCall(Token start, String branch) {
        Token bot = ctx.next();
        if (ctx.peek().endsLine()) {
            throw ctx.error(
                    ctx.peek(), "BOT needs a bot name and a task, such as BOT \"billing\" \"refund the order\"");
        }
        Expression name = expressions.expression();
        ctx.accept(TokenKind.COMMA);
        if (ctx.peek().endsLine()) {
            throw ctx.error(ctx.peek(), "BOT " + name.text() + " needs a task after the bot's name");
        }
        Expression task = expressions.expression();
        return new Orchestration.BotCall(ctx.span(start.start(), ctx.lastEnd()), branch, name, task);
    }

    private void end(boolean oneLine, String what) {
        ctx.endStatement(oneLine, what);
    }
}
