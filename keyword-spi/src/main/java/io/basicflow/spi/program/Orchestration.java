package io.basicflow.spi.program;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link Step.Orchestrate} statement does: General Bots' multi-agent orchestration keywords,
 * run by the engine itself (child executions, recorded steps) rather than by a plugin.
 */
public sealed interface Orchestration {

    /**
     * {@code ORCHESTRATE WORKFLOW "name"}: names the orchestration. The script runs durably whether or
     * not it has {@code #workflow}; at run time the name is recorded in the variable {@code workflow}.
     *
     * @param name the orchestration's name
     */
    record Workflow(Expression name) implements Orchestration {
        /**
         * Validates the name.
         *
         * @param name not null
         */
        public Workflow {
            requireNonNull(name, "name is null");
        }
    }

    /**
     * {@code STEP n: BOT "bot" "task"} (one call) or {@code STEP n: PARALLEL} / {@code BRANCH X: BOT
     * "bot" "task"} lines / {@code END PARALLEL} (several calls at once): each call runs the bot's entry
     * script as a child execution, and the step ends when every call has ended.
     *
     * @param label the step's label as written ({@code "1"}, {@code "2a"})
     * @param calls the bot calls, one for a plain step, one per branch for a parallel one
     * @param parallel whether the step was written as {@code PARALLEL}
     */
    record Bots(String label, List<BotCall> calls, boolean parallel) implements Orchestration {
        /**
         * Validates and copies the parts.
         *
         * @param label not null
         * @param calls at least one
         * @param parallel the flag
         */
        public Bots {
            requireNonNull(label, "label is null");
            calls = List.copyOf(calls);
            if (calls.isEmpty()) {
                throw new IllegalArgumentException("a STEP needs at least one BOT");
            }
        }
    }

    /**
     * One {@code BOT "bot" "task"} of a {@link Bots} step.
     *
     * @param span where the call stands (its {@code BRANCH} line in a parallel step)
     * @param branch the branch label ({@code "A"}), or the step's label for a plain step
     * @param bot the bot's name
     * @param task the task text handed to the bot as its variable {@code task}
     */
    record BotCall(SourceSpan span, String branch, Expression bot, Expression task) {
        /**
         * Validates the parts.
         *
         * @param span not null
         * @param branch not null
         * @param bot not null
         * @param task not null
         */
        public BotCall {
            requireNonNull(span, "span is null");
            requireNonNull(branch, "branch is null");
            requireNonNull(bot, "bot is null");
            requireNonNull(task, "task is null");
        }
    }

    /**
     * {@code PUBLISH EVENT "name" [WITH data]}: publishes an event to the execution's conversation (the
     * orchestration and every bot it runs), waking the executions that wait for that name.
     *
     * @param name the event's name
     * @param data its value, {@code TRUE} when absent
     */
    record PublishEvent(Expression name, Optional<Expression> data) implements Orchestration {
        /**
         * Validates the parts.
         *
         * @param name not null
         * @param data not null
         */
        public PublishEvent {
            requireNonNull(name, "name is null");
            requireNonNull(data, "data is null");
        }
    }

    /**
     * {@code WAIT FOR EVENT "name" [TIMEOUT seconds]}, or {@code x = WAIT FOR EVENT …}: waits, holding
     * no thread, for the next event of that name published after the wait began; the target receives
     * its value, or {@code NULL} when the timeout passed first.
     *
     * @param name the event's name
     * @param timeout the longest wait in seconds; absent waits without end
     * @param result where the value goes ({@code event} in the statement form)
     */
    record WaitForEvent(Expression name, Optional<Expression> timeout, Target result) implements Orchestration {
        /**
         * Validates the parts.
         *
         * @param name not null
         * @param timeout not null
         * @param result not null
         */
        public WaitForEvent {
            requireNonNull(name, "name is null");
            requireNonNull(timeout, "timeout is null");
            requireNonNull(result, "result is null");
        }
    }

    /**
     * {@code SET SCHEDULE when, "script.bas" [, argument…]} (and General Bots' form without commas,
     * {@code SET SCHEDULE "0 6 * * *" "erp-jobs.bas" "job"}): registers, at run time, a start of
     * another script of the same bot. When {@code when} is a date-time the script starts once at that
     * time; when it is a schedule ({@code "0 8 * * 1"}, {@code "every day at 9am"}) it starts on every
     * tick until the registration is removed. The arguments go to the script's {@code PARAM}s in order.
     *
     * @param when a date-time or a schedule expression
     * @param script the script's name, relative to the running script's folder
     * @param arguments the values of the started script's {@code PARAM}s, in order
     */
    record ScheduleScript(Expression when, Expression script, List<Expression> arguments) implements Orchestration {
        /**
         * Validates and copies the parts.
         *
         * @param when not null
         * @param script not null
         * @param arguments not null
         */
        public ScheduleScript {
            requireNonNull(when, "when is null");
            requireNonNull(script, "script is null");
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * {@code DELEGATE task TO BOT "name" [TIMEOUT seconds]} and {@code result = DELEGATE …}: runs the entry
     * script of the named bot as a child execution, with the task in its variable {@code task} (as
     * {@link Bots} does). The assignment form waits for the bot's {@code RETURN} value, at most {@code
     * timeout} seconds (30 when absent), and assigns {@code NULL} when the deadline passed first. The
     * statement form without {@code TIMEOUT} does not wait (the bot runs on its own); with {@code
     * TIMEOUT} it waits the same way and drops the value.
     *
     * @param task the task text
     * @param bot the bot's name
     * @param timeout the longest wait in seconds; absent: 30 s when there is a result, else no wait
     * @param result where the bot's value goes; absent in the statement form
     */
    record Delegate(Expression task, Expression bot, Optional<Expression> timeout, Optional<Target> result)
            implements Orchestration {
        /**
         * Validates the parts.
         *
         * @param task not null
         * @param bot not null
         * @param timeout not null
         * @param result not null
         */
        public Delegate {
            requireNonNull(task, "task is null");
            requireNonNull(bot, "bot is null");
            requireNonNull(timeout, "timeout is null");
            requireNonNull(result, "result is null");
        }

        /**
         * Whether the step waits for the bot: the assignment form, or a {@code TIMEOUT}.
         *
         * @return true unless it is the fire-and-forget statement form
         */
        public boolean waits() {
            return result.isPresent() || timeout.isPresent();
        }
    }

    /**
     * {@code TRANSFER CONVERSATION TO "name"}: hands the conversation over to the named bot. Its entry
     * script runs as a child execution (as for {@link Bots}: a copy of the variables, {@code task} empty)
     * and receives the conversation's input while it runs; when it ends, the transferring script ends
     * too, with the bot's {@code RETURN} value as its result. The statements after the transfer never run.
     *
     * @param bot the bot's name
     */
    record Transfer(Expression bot) implements Orchestration {
        /**
         * Validates the bot.
         *
         * @param bot not null
         */
        public Transfer {
            requireNonNull(bot, "bot is null");
        }
    }

    /**
     * {@code ADD BOT "name" [WITH] TRIGGER [ON] "words" [TOOLS "names"] [SCHEDULE "cron"]}: adds the bot to the running
     * execution's set of active bots (replacing an earlier entry of that name). Each trigger is a word or
     * phrase of a comma-separated list; the script's later {@code HEAR}s hand an input that mentions one
     * to the bot ({@link RouteInput}). {@code BROADCAST} reaches every bot of the set.
     *
     * @param bot the bot's name
     * @param triggers the trigger words, a comma-separated text or a list; absent: none
     * @param tools the tool names, a comma-separated text or a list, recorded with the bot; absent: none
     * @param schedule {@code [WITH] SCHEDULE "0 9 * * MON"}: the bot's entry script is also registered to
     *     start on that schedule (as {@link ScheduleScript} registers a script), once per execution and
     *     step; absent: none
     */
    record AddBot(
            Expression bot, Optional<Expression> triggers, Optional<Expression> tools, Optional<Expression> schedule)
            implements Orchestration {
        /**
         * Validates the parts.
         *
         * @param bot not null
         * @param triggers not null
         * @param tools not null
         * @param schedule not null
         */
        public AddBot {
            requireNonNull(bot, "bot is null");
            requireNonNull(triggers, "triggers is null");
            requireNonNull(tools, "tools is null");
            requireNonNull(schedule, "schedule is null");
        }

        /**
         * A bot without a schedule.
         *
         * @param bot not null
         * @param triggers not null
         * @param tools not null
         */
        public AddBot(Expression bot, Optional<Expression> triggers, Optional<Expression> tools) {
            this(bot, triggers, tools, Optional.empty());
        }
    }

    /**
     * {@code REMOVE BOT "name"}: takes the bot out of the execution's set of active bots (nothing
     * happens when it is not in it).
     *
     * @param bot the bot's name
     */
    record RemoveBot(Expression bot) implements Orchestration {
        /**
         * Validates the bot.
         *
         * @param bot not null
         */
        public RemoveBot {
            requireNonNull(bot, "bot is null");
        }
    }

    /**
     * {@code BROADCAST message TO BOTS}: runs the entry script of every bot of the execution's set at
     * once, each as a child execution with the message in its variable {@code task} (as {@link Bots}
     * does for a parallel step), and waits until every one has ended. With no active bot it does nothing.
     *
     * @param message the message
     */
    record Broadcast(Expression message) implements Orchestration {
        /**
         * Validates the message.
         *
         * @param message not null
         */
        public Broadcast {
            requireNonNull(message, "message is null");
        }
    }

    /**
     * Follows each {@code HEAR} of a script that uses {@code ADD BOT}: when the input just heard mentions
     * a trigger of an active bot, that bot's entry script runs as a child execution with the input as
     * its {@code task} (receiving the conversation's input while it runs, as for {@link Transfer}); when
     * it has ended, the {@code HEAR} just before this step asks again. Otherwise it does nothing.
     *
     * @param heard the {@code HEAR}'s target, whose value is the input
     */
    record RouteInput(Target heard) implements Orchestration {
        /**
         * Validates the target.
         *
         * @param heard not null
         */
        public RouteInput {
            requireNonNull(heard, "heard is null");
        }
    }
}
