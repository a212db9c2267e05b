/**
 * basicflow on PostgreSQL: the {@link io.basicflow.persistence.Database} service (embedded server
 * or external URL, HikariCP pool, Flyway migrations) and the stores built on it.
 *
 * <p>The schema's only truth is the Flyway SQL in {@code db/migration}; the jOOQ classes in
 * {@code io.basicflow.persistence.internal.jooq} are generated from it at build time and never
 * leave this module. Repositories are package-private, take a {@link org.jooq.DSLContext}, run one
 * explicit query per method and map rows into records.
 */
package io.basicflow.persistence;
