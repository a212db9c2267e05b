package io.basicflow.app.cli;

import io.basicflow.app.node.BasicflowNode;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionSummary;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.durable.ExecutionReader;
import io.basicflow.persistence.Database;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The operator's commands on executions: list, show, history, input, cancel, retry; and migrate. */
public final class ExecutionCommands {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private ExecutionCommands() {}

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** {@code basicflow executions}: lists executions, newest first. */
    @Command(
            name = "executions",
            aliases = "list",
            mixinStandardHelpOptions = true,
            description = "Lists executions, newest first, with filters and paging.")
    public static final class ListCommand implements Callable<Integer> {

        @Mixin
        private ConfigOptions options;

        @Option(
                names = "--status",
                paramLabel = "STATUS",
                description = "only these statuses (repeatable): ${COMPLETION-CANDIDATES}")
        private List<ExecutionStatus> statuses = new ArrayList<>();

        @Option(names = "--script", paramLabel = "NAME", description = "only executions of this script")
        private String script;

        @Option(names = "--limit", paramLabel = "N", description = "page size (default 20)")
        private int limit = 20;

        @Option(names = "--after", paramLabel = "CURSOR", description = "the next page after this cursor")
        private String after;

        @Override
        public Integer call() {
            try (ExecutionQueries queries = ExecutionQueries.open(options.configuration())) {
                ExecutionPage page = queries.reader()
                        .list(new ExecutionQuery(
                                Set.copyOf(statuses),
                                Optional.ofNullable(script),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.ofNullable(after),
                                limit));
                if (page.executions().isEmpty()) {
                    System.out.println("no executions");
                    return 0;
                }
                System.out.printf("%-38s %-14s %-19s %-19s %s%n", "ID", "STATUS", "CREATED", "UPDATED", "SCRIPT");
                for (ExecutionSummary summary : page.executions()) {
                    System.out.printf(
                            "%-38s %-14s %-19s %-19s %s%n",
                            summary.id(),
                            summary.status(),
                            time(summary.createdAt()),
                            time(summary.updatedAt()),
                            summary.scriptName());
                }
                page.next().ifPresent(next -> System.out.println("more: basicflow executions --after " + next));
                return 0;
            }
        }
    }

    /** {@code basicflow show ID}: status, variables, last messages. */
    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Shows one execution: status, what it waits for, variables, result or error, last messages.")
    public static final class ShowCommand implements Callable<Integer> {

        @Mixin
        private ConfigOptions options;

        @Parameters(paramLabel = "ID", description = "the execution")
        private String id;

        @Option(names = "--messages", paramLabel = "N", description = "last messages to show (default 10)")
        private int lastMessages = 10;

        @Override
        public Integer call() {
            try (ExecutionQueries queries = ExecutionQueries.open(options.configuration())) {
                ExecutionReader reader = queries.reader();
                Optional<ExecutionView> found = reader.find(id);
                if (found.isEmpty()) {
                    System.err.println("basicflow: there is no execution with id '" + id + "'");
                    return 1;
                }
                ExecutionView view = found.get();
                System.out.println("execution  " + view.id());
                System.out.println("script     " + view.scriptName() + " (sha-256 "
                        + view.scriptHash().substring(0, 12) + "…)");
                System.out.println("status     " + view.status()
                        + view.waitingFor().map(w -> " — waiting for " + w).orElse(""));
                System.out.println("created    " + time(view.createdAt()));
                System.out.println("updated    " + time(view.updatedAt()));
                view.parentId().ifPresent(parent -> System.out.println("parent     " + parent));
                if (!view.activeTools().isEmpty()) {
                    System.out.println("tools      " + String.join(", ", view.activeTools()));
                }
                view.result().ifPresent(result -> System.out.println("result     " + result.display()));
                view.error().ifPresent(error -> System.out.println("error      " + error.message()));
                System.out.println("variables");
                if (view.variables().isEmpty()) {
                    System.out.println("  (none)");
                }
                view.variables()
                        .forEach(
                                (name, value) -> System.out.println("  " + name + " = " + abbreviate(value.display())));
                List<MessageView> messages = lastMessages(reader, view, lastMessages);
                System.out.println("last messages");
                if (messages.isEmpty()) {
                    System.out.println("  (none)");
                }
                for (MessageView message : messages) {
                    System.out.println("  #" + message.seq() + " "
                            + message.recipient().map(r -> "[to " + r + "] ").orElse("") + message.text());
                }
                return 0;
            }
        }

        /**
         * The execution's last {@code count} messages, read backwards from its newest event in growing
         * windows (each message comes from one event, so a window of k events holds at most k).
         */
        private static List<MessageView> lastMessages(ExecutionReader reader, ExecutionView view, int wanted) {
            int count = Math.max(0, wanted);
            long window = Math.max(count, 16);
            while (true) {
                long after = Math.max(0, view.lastSeq() - window);
                List<MessageView> found = reader.messages(view.id(), after, (int) Math.min(window, Integer.MAX_VALUE));
                if (found.size() >= count || after == 0) {
                    return found.subList(Math.max(0, found.size() - count), found.size());
                }
                window *= 4;
            }
        }

        private static String abbreviate(String text) {
            String oneLine = text.replace("\n", "\\n");
            return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
        }
    }

    /** {@code basicflow history ID}: the event history as a timeline. */
    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = "Prints an execution's history as a timeline: one line per event.")
    public static final class HistoryCommand implements Callable<Integer> {

        @Mixin
        private ConfigOptions options;

        @Parameters(paramLabel = "ID", description = "the execution")
        private String id;

        @Option(names = "--json", description = "print each event's full JSON instead of its summary")
        private boolean json;

        @Override
        public Integer call() {
            try (ExecutionQueries queries = ExecutionQueries.open(options.configuration())) {
                ExecutionReader reader = queries.reader();
                long after = 0;
                while (true) {
                    List<EventView> events;
                    try {
                        events = reader.history(id, after, 1000);
                    } catch (ExecutionNotFoundException e) {
                        System.err.println("basicflow: there is no execution with id '" + id + "'");
                        return 1;
                    }
                    for (EventView event : events) {
                        String where =
                                event.line() > 0 ? String.format(Locale.ROOT, "line %-4d", event.line()) : "         ";
                        System.out.printf(
                                "%5d  %s  %s  %-18s %s%n",
                                event.seq(),
                                CLOCK.format(event.at()),
                                where,
                                event.type(),
                                json ? event.payloadJson() : event.summary());
                        after = event.seq();
                    }
                    if (events.size() < 1000) {
                        return 0;
                    }
                }
            }
        }
    }

    /** {@code basicflow input ID TEXT}: sends one input. */
    @Command(
            name = "input",
            mixinStandardHelpOptions = true,
            description = "Sends one input to an execution; it waits in the inbox until a HEAR takes it.")
    public static final class InputCommand implements Callable<Integer> {

        @Mixin
        private ConfigOptions options;

        @Parameters(index = "0", paramLabel = "ID", description = "the execution")
        private String id;

        @Parameters(
                index = "1..*",
                arity = "1..*",
                paramLabel = "TEXT",
                description = "the input (words are joined with spaces)")
        private List<String> text;

        @Option(
                names = "--key",
                paramLabel = "KEY",
                description = "a delivery id: sending the same KEY again (e.g. after a timeout) does not deliver"
                        + " the input twice")
        private String key;

        @Override
        public Integer call() {
            try (BasicflowNode node = NodeCommands.apiNode(options.configuration())) {
                String input = String.join(" ", text);
                if (key == null) {
                    node.engine().deliverInput(id, input);
                } else if (!node.engine().deliverInput(id, input, key)) {
                    System.out.println("already delivered to " + id + " with key " + key + "; not delivered again");
                    return 0;
                }
                System.out.println("delivered to " + id);
                return 0;
            }
        }
    }

    /** {@code basicflow cancel ID}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels an execution that has not ended.")
    public static final class CancelCommand implements Callable<Integer> {

        @Mixin
        private ConfigOptions options;

        @Parameters(paramLabel = "ID", description = "the execution")
        private String id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "recorded in the history")
        private String reason = "cancelled from the command line";

        @Override
        public Integer call() {
            try (BasicflowNode node = NodeCommands.apiNode(options.configuration())) {
                node.engine().cancel(id, reason);
                System.out.println("cancel requested for " + id);
                return 0;
            }
        }
    }

    /** {@code basicflow retry ID}. */
    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Retries a failed execution from the step that failed.")
    public static final class RetryCommand implements Callable<Integer> {

        @Mixin
        private ConfigOptions options;

        @Parameters(paramLabel = "ID", description = "the execution")
        private String id;

        @Override
        public Integer call() {
            try (BasicflowNode node = NodeCommands.apiNode(options.configuration())) {
                node.engine().retry(id);
                System.out.println("retrying " + id + " from its failed step");
                return 0;
            }
        }
    }

    /** {@code basicflow migrate}. */
    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description = "Creates or upgrades the database schema (every start does it too) and exits.")
    public static final class MigrateCommand implements Callable<Integer> {

        @Mixin
        private ConfigOptions options;

        @Override
        public Integer call() {
            Logging.quietUnlessConfigured("WARN");
            Database database = Assembly.full(options.configuration()).getInstance(Database.class);
            System.err.println("basicflow: migrating the database (starting the embedded PostgreSQL if configured)…");
            try (Database started = database.start()) {
                System.out.println("schema up to date at " + started.jdbcUrl());
            }
            return 0;
        }
    }
}
