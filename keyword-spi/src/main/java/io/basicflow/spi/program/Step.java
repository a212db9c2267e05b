package io.basicflow.spi.program;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One statement of a compiled script. Steps are immutable records; blocks are lists of steps.
 * Consumers switch over this sealed type exhaustively, without {@code default}, so that a new kind
 * of step breaks the build wherever it must be handled.
 */
public sealed interface Step {

    /**
     * Where the statement stands in its script.
     *
     * @return the span of the statement's first line
     */
    SourceSpan span();

    /**
     * {@code x = expr}, {@code SET x = expr}, {@code LET x = expr}, with member and index targets.
     *
     * @param span position
     * @param target what is assigned
     * @param value the value expression
     */
    record Assign(SourceSpan span, Target target, Expression value) implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param target not null
         * @param value not null
         */
        public Assign {
            requireNonNull(span, "span is null");
            requireNonNull(target, "target is null");
            requireNonNull(value, "value is null");
        }
    }

    /**
     * {@code TALK expr}: one message to the user.
     *
     * @param span position
     * @param message the message (a {@link Expr.Template} when the string interpolates)
     */
    record Talk(SourceSpan span, Expression message) implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param message not null
         */
        public Talk {
            requireNonNull(span, "span is null");
            requireNonNull(message, "message is null");
        }
    }

    /**
     * {@code TALK TO address, expr}: one message to another recipient.
     *
     * @param span position
     * @param recipient the recipient address, e.g. {@code "whatsapp:+5511..."}
     * @param message the message
     */
    record TalkTo(SourceSpan span, Expression recipient, Expression message) implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param recipient not null
         * @param message not null
         */
        public TalkTo {
            requireNonNull(span, "span is null");
            requireNonNull(recipient, "recipient is null");
            requireNonNull(message, "message is null");
        }
    }

    /**
     * {@code BEGIN TALK} … {@code END TALK}: one message made of several template lines, joined
     * with line breaks.
     *
     * @param span position
     * @param lines one template per source line
     */
    record TalkBlock(SourceSpan span, List<Expression> lines) implements Step {
        /**
         * Validates and copies the parts.
         *
         * @param span not null
         * @param lines not null
         */
        public TalkBlock {
            requireNonNull(span, "span is null");
            lines = List.copyOf(lines);
        }
    }

    /**
     * {@code HEAR x}, {@code HEAR x AS TYPE}, {@code HEAR x AS "A", "B"}, optionally with a prompt
     * ({@code HEAR x AS EMAIL WITH "Your e-mail?"}).
     *
     * @param span position
     * @param target the variable that receives the input
     * @param kind what input is accepted
     * @param prompt a message sent before waiting, if any
     */
    record Hear(SourceSpan span, Target target, HearKind kind, Optional<Expression> prompt) implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param target not null
         * @param kind not null
         * @param prompt not null
         */
        public Hear {
            requireNonNull(span, "span is null");
            requireNonNull(target, "target is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(prompt, "prompt is null");
        }
    }

    /** What a {@link Hear} accepts. */
    sealed interface HearKind {
        /** Any text. */
        record Any() implements HearKind {}

        /**
         * A typed input validated and normalised by the named input type.
         *
         * @param type the type name, upper case ({@code EMAIL}, {@code DATE}, …)
         */
        record Typed(String type) implements HearKind {
            /**
             * Validates the type.
             *
             * @param type not null
             */
            public Typed {
                requireNonNull(type, "type is null");
            }
        }

        /**
         * A menu: the input must choose one of the options.
         *
         * @param options the option expressions
         */
        record Menu(List<Expression> options) implements HearKind {
            /**
             * Copies the options.
             *
             * @param options not null
             */
            public Menu {
                options = List.copyOf(options);
            }
        }
    }

    /**
     * {@code WAIT seconds}: a durable pause.
     *
     * @param span position
     * @param seconds the number of seconds, may be fractional
     */
    record Wait(SourceSpan span, Expression seconds) implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param seconds not null
         */
        public Wait {
            requireNonNull(span, "span is null");
            requireNonNull(seconds, "seconds is null");
        }
    }

    /**
     * {@code IF c THEN … ELSEIF c THEN … ELSE … END IF}, and the one-line {@code IF c THEN stmt}.
     *
     * @param span position
     * @param branches the conditional branches in order, at least one
     * @param otherwise the {@code ELSE} block, empty when absent
     */
    record If(SourceSpan span, List<Branch> branches, List<Step> otherwise) implements Step {
        /**
         * Validates and copies the parts.
         *
         * @param span not null
         * @param branches at least one
         * @param otherwise not null
         */
        public If {
            requireNonNull(span, "span is null");
            branches = List.copyOf(branches);
            otherwise = List.copyOf(otherwise);
            if (branches.isEmpty()) {
                throw new IllegalArgumentException("an IF needs at least one branch");
            }
        }
    }

    /**
     * One {@code IF}/{@code ELSEIF} branch.
     *
     * @param span position of the branch's line
     * @param condition the condition
     * @param body the steps run when the condition is true
     */
    record Branch(SourceSpan span, Expression condition, List<Step> body) {
        /**
         * Validates and copies the parts.
         *
         * @param span not null
         * @param condition not null
         * @param body not null
         */
        public Branch {
            requireNonNull(span, "span is null");
            requireNonNull(condition, "condition is null");
            body = List.copyOf(body);
        }
    }

    /**
     * {@code FOR EACH x IN list} … {@code NEXT}.
     *
     * @param span position
     * @param variable the loop variable, lower case
     * @param items the list expression, evaluated once at the start
     * @param body the loop body
     */
    record ForEach(SourceSpan span, String variable, Expression items, List<Step> body) implements Step {
        /**
         * Validates and copies the parts.
         *
         * @param span not null
         * @param variable not null
         * @param items not null
         * @param body not null
         */
        public ForEach {
            requireNonNull(span, "span is null");
            requireNonNull(variable, "variable is null");
            requireNonNull(items, "items is null");
            body = List.copyOf(body);
        }
    }

    /**
     * {@code FOR i = a TO b [STEP s]} … {@code NEXT}. Bounds and step are evaluated once.
     *
     * @param span position
     * @param variable the counter variable, lower case
     * @param from the start value
     * @param to the end value, inclusive
     * @param step the increment, {@code 1} when absent
     * @param body the loop body
     */
    record ForRange(
            SourceSpan span,
            String variable,
            Expression from,
            Expression to,
            Optional<Expression> step,
            List<Step> body)
            implements Step {
        /**
         * Validates and copies the parts.
         *
         * @param span not null
         * @param variable not null
         * @param from not null
         * @param to not null
         * @param step not null
         * @param body not null
         */
        public ForRange {
            requireNonNull(span, "span is null");
            requireNonNull(variable, "variable is null");
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            requireNonNull(step, "step is null");
            body = List.copyOf(body);
        }
    }

    /**
     * {@code DO WHILE c … LOOP}, {@code DO UNTIL c … LOOP}, {@code DO … LOOP WHILE c}, {@code DO …
     * LOOP UNTIL c}, {@code DO … LOOP}, and {@code WHILE c … WEND}.
     *
     * @param span position
     * @param test when and how the condition is tested
     * @param condition the condition, absent only for {@link LoopTest#NONE}
     * @param body the loop body
     */
    record DoLoop(SourceSpan span, LoopTest test, Optional<Expression> condition, List<Step> body) implements Step {
        /**
         * Validates and copies the parts.
         *
         * @param span not null
         * @param test not null
         * @param condition present unless the test is {@link LoopTest#NONE}
         * @param body not null
         */
        public DoLoop {
            requireNonNull(span, "span is null");
            requireNonNull(test, "test is null");
            requireNonNull(condition, "condition is null");
            body = List.copyOf(body);
            if (condition.isPresent() == (test == LoopTest.NONE)) {
                throw new IllegalArgumentException(
                        "a " + test + " loop " + (test == LoopTest.NONE ? "has no" : "needs a") + " condition");
            }
        }
    }

    /** How a {@link DoLoop} tests its condition. */
    enum LoopTest {
        /** {@code DO WHILE c} / {@code WHILE c}: tested before each pass, loops while true. */
        WHILE_BEFORE,
        /** {@code DO UNTIL c}: tested before each pass, loops until true. */
        UNTIL_BEFORE,
        /** {@code LOOP WHILE c}: tested after each pass, loops while true. */
        WHILE_AFTER,
        /** {@code LOOP UNTIL c}: tested after each pass, loops until true. */
        UNTIL_AFTER,
        /** {@code DO … LOOP}: no condition; leave with {@code EXIT DO}. */
        NONE
    }

    /**
     * {@code EXIT FOR}, {@code EXIT DO}, {@code EXIT SUB}, {@code EXIT FUNCTION}, or a plain
     * {@code EXIT} that ends the script.
     *
     * @param span position
     * @param target what is left
     */
    record Exit(SourceSpan span, ExitTarget target) implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param target not null
         */
        public Exit {
            requireNonNull(span, "span is null");
            requireNonNull(target, "target is null");
        }
    }

    /** What an {@link Exit} leaves. */
    enum ExitTarget {
        /** The innermost {@code FOR} loop. */
        FOR,
        /** The innermost {@code DO} or {@code WHILE} loop. */
        DO,
        /** The current {@code SUB} or {@code FUNCTION} (returning {@code NULL}). */
        PROCEDURE,
        /** The whole script, with no result. */
        SCRIPT
    }

    /**
     * {@code SELECT CASE e} … {@code END SELECT}, and {@code SWITCH e} … {@code END SWITCH}.
     *
     * @param span position
     * @param subject the value branched on, evaluated once
     * @param cases the cases in order; the first that matches runs
     * @param otherwise {@code CASE ELSE} / {@code DEFAULT}, empty when absent
     */
    record Select(SourceSpan span, Expression subject, List<Case> cases, List<Step> otherwise) implements Step {
        /**
         * Validates and copies the parts.
         *
         * @param span not null
         * @param subject not null
         * @param cases not null
         * @param otherwise not null
         */
        public Select {
            requireNonNull(span, "span is null");
            requireNonNull(subject, "subject is null");
            cases = List.copyOf(cases);
            otherwise = List.copyOf(otherwise);
        }
    }

    /**
     * One {@code CASE}: matches when any of its tests matches the subject.
     *
     * @param span position of the case's line
     * @param tests the tests, at least one
     * @param body the steps run on a match
     */
    record Case(SourceSpan span, List<CaseTest> tests, List<Step> body) {
        /**
         * Validates and copies the parts.
         *
         * @param span not null
         * @param tests at least one
         * @param body not null
         */
        public Case {
            requireNonNull(span, "span is null");
            tests = List.copyOf(tests);
            body = List.copyOf(body);
            if (tests.isEmpty()) {
                throw new IllegalArgumentException("a CASE needs at least one value");
            }
        }
    }

    /** One test of a {@link Case}. */
    sealed interface CaseTest {
        /**
         * {@code CASE v}: the subject equals the value.
         *
         * @param value the value
         */
        record Equals(Expression value) implements CaseTest {
            /**
             * Validates the value.
             *
             * @param value not null
             */
            public Equals {
                requireNonNull(value, "value is null");
            }
        }

        /**
         * {@code CASE a TO b}: the subject lies between the bounds, inclusive.
         *
         * @param low the lower bound
         * @param high the upper bound
         */
        record Between(Expression low, Expression high) implements CaseTest {
            /**
             * Validates the bounds.
             *
             * @param low not null
             * @param high not null
             */
            public Between {
                requireNonNull(low, "low is null");
                requireNonNull(high, "high is null");
            }
        }

        /**
         * {@code CASE IS > v}: the subject compared with the value.
         *
         * @param operator a comparison operator
         * @param value the value
         */
        record Compare(Expr.BinaryOperator operator, Expression value) implements CaseTest {
            /**
             * Validates the parts.
             *
             * @param operator not null
             * @param value not null
             */
            public Compare {
                requireNonNull(operator, "operator is null");
                requireNonNull(value, "value is null");
            }
        }
    }

    /**
     * {@code CALL name(args)}, or {@code x = name(args)} for a {@code FUNCTION} of the script.
     *
     * @param span position
     * @param procedure the procedure name, lower case
     * @param arguments the argument expressions
     * @param result where a function's return value goes, if anywhere
     */
    record CallProcedure(SourceSpan span, String procedure, List<Expression> arguments, Optional<Target> result)
            implements Step {
        /**
         * Validates and copies the parts.
         *
         * @param span not null
         * @param procedure not null
         * @param arguments not null
         * @param result not null
         */
        public CallProcedure {
            requireNonNull(span, "span is null");
            requireNonNull(procedure, "procedure is null");
            arguments = List.copyOf(arguments);
            requireNonNull(result, "result is null");
        }
    }

    /**
     * {@code CALL "other.bas"[, arg…]} or {@code r = CALL "other.bas"[, arg…]}: runs another script of
     * the same folder to its end, sharing the conversation; its {@code PARAM}s receive the arguments
     * in order, and its {@code RETURN} value goes to the result.
     *
     * @param span position
     * @param script the script path expression
     * @param arguments the argument expressions, bound to the called script's PARAMs in order
     * @param result where the called script's RETURN value goes, if anywhere
     */
    record CallScript(SourceSpan span, Expression script, List<Expression> arguments, Optional<Target> result)
            implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param script not null
         * @param arguments not null
         * @param result not null
         */
        public CallScript {
            requireNonNull(span, "span is null");
            requireNonNull(script, "script is null");
            arguments = List.copyOf(arguments);
            requireNonNull(result, "result is null");
        }

        /**
         * {@code CALL "other.bas"} with no arguments and no result.
         *
         * @param span not null
         * @param script not null
         */
        public CallScript(SourceSpan span, Expression script) {
            this(span, script, List.of(), Optional.empty());
        }
    }

    /**
     * {@code RETURN [expr]}: leaves the current procedure, or at top level ends the script with a
     * result.
     *
     * @param span position
     * @param value the returned value, if any
     */
    record Return(SourceSpan span, Optional<Expression> value) implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param value not null
         */
        public Return {
            requireNonNull(span, "span is null");
            requireNonNull(value, "value is null");
        }
    }

    /**
     * {@code WITH obj} / {@code key = expr} lines / {@code END WITH}: sets the fields on the map in
     * {@code obj} (a new map when it holds none).
     *
     * @param span position
     * @param target the map variable
     * @param fields the fields in order
     */
    record With(SourceSpan span, Target target, List<WithField> fields) implements Step {
        /**
         * Validates and copies the parts.
         *
         * @param span not null
         * @param target not null
         * @param fields not null
         */
        public With {
            requireNonNull(span, "span is null");
            requireNonNull(target, "target is null");
            fields = List.copyOf(fields);
        }
    }

    /**
     * One {@code key = expr} line of a {@link With}.
     *
     * @param span position
     * @param name the field name as written
     * @param value the value expression
     */
    record WithField(SourceSpan span, String name, Expression value) {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param name not null
         * @param value not null
         */
        public WithField {
            requireNonNull(span, "span is null");
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }
    }

    /**
     * {@code SEND MAIL to, subject, body} (alias {@code SEND EMAIL}), and {@code BEGIN MAIL to} …
     * {@code END MAIL}. Runs the {@code SEND MAIL} keyword of the installed mail plugin.
     *
     * @param span position
     * @param to the recipient(s), comma- or semicolon-separated
     * @param subject the subject
     * @param body the body, plain text or HTML
     */
    record SendMail(SourceSpan span, Expression to, Expression subject, Expression body) implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param to not null
         * @param subject not null
         * @param body not null
         */
        public SendMail {
            requireNonNull(span, "span is null");
            requireNonNull(to, "to is null");
            requireNonNull(subject, "subject is null");
            requireNonNull(body, "body is null");
        }
    }

    /**
     * {@code USE TOOL "name"} (activates the tool), or {@code r = USE TOOL "name", args…} (runs it as
     * a child execution and waits for its result).
     *
     * @param span position
     * @param tool the tool name expression
     * @param arguments arguments for a run, empty when only activating
     * @param result where the tool's {@code RETURN} value goes; present means "run it"
     */
    record UseTool(SourceSpan span, Expression tool, List<Expression> arguments, Optional<Target> result)
            implements Step {
        /**
         * Validates and copies the parts.
         *
         * @param span not null
         * @param tool not null
         * @param arguments not null
         * @param result not null
         */
        public UseTool {
            requireNonNull(span, "span is null");
            requireNonNull(tool, "tool is null");
            arguments = List.copyOf(arguments);
            requireNonNull(result, "result is null");
        }
    }

    /**
     * {@code ADD TOOL "name"}: adds a tool to the execution's active set.
     *
     * @param span position
     * @param tool the tool name expression
     */
    record AddTool(SourceSpan span, Expression tool) implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param tool not null
         */
        public AddTool {
            requireNonNull(span, "span is null");
            requireNonNull(tool, "tool is null");
        }
    }

    /**
     * {@code CLEAR TOOLS}: empties the execution's active tool set.
     *
     * @param span position
     */
    record ClearTools(SourceSpan span) implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         */
        public ClearTools {
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code PARAM name AS type [LIKE "example"] [DESCRIPTION "…"] [OPTIONAL] [DEFAULT value]}: one
     * parameter of a tool script. At run time it binds nothing by itself (the caller's arguments are
     * already variables), except that a parameter still {@code NULL} gets its {@code DEFAULT}.
     *
     * @param span position
     * @param name the parameter name, lower case
     * @param type the type name, upper case ({@code STRING}, {@code INTEGER}, …); {@code ENUM} for a
     *     list of choices
     * @param example the {@code LIKE} example, if any
     * @param description the {@code DESCRIPTION}, if any
     * @param optional whether the parameter may be omitted
     * @param choices the allowed values for {@code PARAM x AS "a", "b"}, else empty
     * @param defaultValue the {@code DEFAULT} value (a literal), assigned when the caller gives none
     */
    record Param(
            SourceSpan span,
            String name,
            String type,
            Optional<String> example,
            Optional<String> description,
            boolean optional,
            List<String> choices,
            Optional<Expression> defaultValue)
            implements Step {
        /**
         * Validates and copies the parts.
         *
         * @param span not null
         * @param name not null
         * @param type not null
         * @param example not null
         * @param description not null
         * @param optional the flag
         * @param choices not null
         */
        public Param {
            requireNonNull(span, "span is null");
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(example, "example is null");
            requireNonNull(description, "description is null");
            choices = List.copyOf(choices);
            requireNonNull(defaultValue, "defaultValue is null");
        }

        /**
         * A parameter without a {@code DEFAULT}.
         *
         * @param span not null
         * @param name not null
         * @param type not null
         * @param example not null
         * @param description not null
         * @param optional the flag
         * @param choices not null
         */
        public Param(
                SourceSpan span,
                String name,
                String type,
                Optional<String> example,
                Optional<String> description,
                boolean optional,
                List<String> choices) {
            this(span, name, type, example, description, optional, choices, Optional.empty());
        }
    }

    /**
     * {@code DESCRIPTION "…"}: what a tool script does.
     *
     * @param span position
     * @param text the description
     */
    record Description(SourceSpan span, String text) implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param text not null
         */
        public Description {
            requireNonNull(span, "span is null");
            requireNonNull(text, "text is null");
        }
    }

    /**
     * A plugin keyword: {@code KEYWORD args…} (statement form), {@code x = KEYWORD args…} or
     * {@code x = KEYWORD(args)} (function form).
     *
     * @param span position
     * @param keyword the keyword name, upper case, words separated by one space ({@code SET BOT
     *     MEMORY})
     * @param arguments the arguments, named after the keyword's declared parameters
     * @param result where the keyword's value goes, if anywhere
     */
    record Invoke(SourceSpan span, String keyword, List<Argument> arguments, Optional<Target> result) implements Step {
        /**
         * Validates and copies the parts.
         *
         * @param span not null
         * @param keyword not null
         * @param arguments not null
         * @param result not null
         */
        public Invoke {
            requireNonNull(span, "span is null");
            requireNonNull(keyword, "keyword is null");
            arguments = List.copyOf(arguments);
            requireNonNull(result, "result is null");
        }
    }

    /**
     * One argument of an {@link Invoke}.
     *
     * @param parameter the declared parameter name it binds
     * @param value the argument expression
     */
    record Argument(String parameter, Expression value) {
        /**
         * Validates the parts.
         *
         * @param parameter not null
         * @param value not null
         */
        public Argument {
            requireNonNull(parameter, "parameter is null");
            requireNonNull(value, "value is null");
        }
    }

    /**
     * The error-handling statements: {@code ON ERROR RESUME NEXT}, {@code ON ERROR GOTO 0}, {@code
     * CLEAR ERROR} and {@code THROW message} (also {@code RAISE}). Under {@code ON ERROR RESUME NEXT} a
     * step that fails records its error (read with {@code ERROR}, {@code ERROR MESSAGE}, {@code ERR})
     * and the script goes on with the next statement.
     *
     * @param span position
     * @param action what the statement does
     * @param message the message of {@code THROW}; empty for the other actions
     */
    record ErrorHandling(SourceSpan span, ErrorAction action, Optional<Expression> message) implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param action not null
         * @param message present exactly for {@link ErrorAction#THROW}
         */
        public ErrorHandling {
            requireNonNull(span, "span is null");
            requireNonNull(action, "action is null");
            requireNonNull(message, "message is null");
            if (message.isPresent() != (action == ErrorAction.THROW)) {
                throw new IllegalArgumentException("only THROW carries a message");
            }
        }
    }

    /** What an {@link ErrorHandling} statement does. */
    enum ErrorAction {
        /** {@code ON ERROR RESUME NEXT}: a failing step records its error and the script goes on. */
        RESUME_NEXT,
        /** {@code ON ERROR GOTO 0}: a failing step fails the execution again (the default). */
        STOP_ON_ERROR,
        /** {@code CLEAR ERROR}: forgets the last error. */
        CLEAR,
        /** {@code THROW message}: fails the step with the message (trapped under RESUME NEXT). */
        THROW
    }

    /**
     * An orchestration statement ({@code ORCHESTRATE WORKFLOW}, {@code STEP n: BOT},
     * {@code STEP n: PARALLEL}): see {@link Orchestration}.
     *
     * @param span position
     * @param action what it does
     */
    record Orchestrate(SourceSpan span, Orchestration action) implements Step {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param action not null
         */
        public Orchestrate {
            requireNonNull(span, "span is null");
            requireNonNull(action, "action is null");
        }
    }
}
