package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Read-only questions about a bot's tables, offered by the plugin that keeps them (the data plugin) to
 * another plugin that must not depend on it: {@code ANSWER} of the AI plugin in {@code "sql"} mode tells
 * the model the bot's tables with {@link #tables} and runs the model's {@link Query} with {@link #read},
 * so the model never writes SQL that runs.
 *
 * <p>A plugin offers it through {@link ServiceLoader}: it lists its implementation in {@code
 * META-INF/services/io.basicflow.spi.BotDataQueries} (with a public no-argument constructor). The caller
 * owns the connection: it opens a read-only transaction on the bots' database and ends it.
 */
public interface BotDataQueries {

    /**
     * The bot's tables and their columns, as a {@code FIND} could read them (the engine's own tables are
     * left out).
     *
     * @param connection a connection to the bots' database
     * @param scope whose bot
     * @return table name to (column name to type name), tables by name, columns in table order; empty
     *     when the bot has no tables
     * @throws SQLException from the database
     */
    Map<String, Map<String, String>> tables(Connection connection, ExecutionScope scope) throws SQLException;

    /**
     * Checks a query against the bot's tables and runs it the way {@code FIND} (or {@code AGGREGATE})
     * does: names checked, the filter parsed by the data keywords' filter language with its values
     * bound as parameters, only the bot's own tables.
     *
     * @param connection a connection to the bots' database, in a read-only transaction
     * @param scope whose bot
     * @param query the query
     * @param clock what {@code NOW()} and {@code TODAY()} of the filter read
     * @return the rows, a list of maps (column to value), at most {@link Query#limit()}
     * @throws KeywordException permanent when the query does not fit the bot's tables, saying what is
     *     wrong (an unknown table or column, a filter that does not parse)
     * @throws SQLException from the database
     */
    Value read(Connection connection, ExecutionScope scope, Query query, Clock clock)
            throws KeywordException, SQLException;

    /**
     * An aggregate of a query.
     *
     * @param function {@code count}, {@code sum}, {@code avg}, {@code min} or {@code max}
     * @param column its column; empty for {@code count} of rows
     */
    record Aggregate(String function, Optional<String> column) {

        /**
         * Validates the parts.
         *
         * @param function not null
         * @param column not null
         */
        public Aggregate {
            requireNonNull(function, "function is null");
            requireNonNull(column, "column is null");
        }
    }

    /**
     * A read of one of the bot's tables, as data (never SQL text).
     *
     * @param table the table
     * @param columns the columns to return; empty for all of them
     * @param filter which rows, in the data keywords' filter language ({@code "status = 'paid' AND total >
     *     10"}); empty for all
     * @param orderBy the order: each {@code column} or {@code column desc}, in turn
     * @param limit the most rows to return, 1 or more
     * @param aggregate an aggregate instead of the rows
     * @param groupBy with an aggregate, one row per value of this column
     */
    record Query(
            String table,
            List<String> columns,
            String filter,
            List<String> orderBy,
            int limit,
            Optional<Aggregate> aggregate,
            Optional<String> groupBy) {

        /**
         * Validates and copies the parts.
         *
         * @param table not null
         * @param columns not null
         * @param filter not null
         * @param orderBy not null
         * @param limit 1 or more
         * @param aggregate not null
         * @param groupBy not null
         */
        public Query {
            requireNonNull(table, "table is null");
            columns = List.copyOf(columns);
            requireNonNull(filter, "filter is null");
            orderBy = List.copyOf(orderBy);
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
            }
            requireNonNull(aggregate, "aggregate is null");
            requireNonNull(groupBy, "groupBy is null");
        }
    }

    /**
     * The first implementation on the class path of this interface (or the thread's).
     *
     * @return it, empty when no installed plugin offers one
     */
    static Optional<BotDataQueries> installed() {
        Optional<BotDataQueries> found =
                first(ServiceLoader.load(BotDataQueries.class, BotDataQueries.class.getClassLoader()));
        return found.isPresent() ? found : first(ServiceLoader.load(BotDataQueries.class));
    }

    private static Optional<BotDataQueries> first(ServiceLoader<BotDataQueries> loader) {
        try {
            Iterator<BotDataQueries> iterator = loader.iterator();
            return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
        } catch (ServiceConfigurationError broken) {
            return Optional.empty(); // a listed class that cannot load
        }
    }
}
