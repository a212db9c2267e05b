/**
 * A real PostgreSQL server run by the application in a local data folder: the default database of
 * basicflow, and the database of its tests.
 */
package io.basicflow.persistence.embedded;
