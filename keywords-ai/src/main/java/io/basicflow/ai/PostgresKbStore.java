package io.basicflow.ai;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Knowledge bases in PostgreSQL (tables {@code ai_kb_documents} and {@code ai_kb_chunks}, migration
 * V40): embeddings as plain {@code real[]} arrays, searched exactly in the process (no pgvector
 * needed), so every node sees the passages any node indexed.
 */
final class PostgresKbStore implements KbStore {

    private final DataSource dataSource;

    PostgresKbStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Map<String, String> documents(String kb) {
        Map<String, String> documents = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select path, sha256 from ai_kb_documents where kb = ?")) {
            select.setString(1, kb);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    documents.put(rows.getString(1), rows.getString(2));
                }
            }
            return documents;
        } catch (SQLException e) {
            throw failure("read the documents of", kb, e);
        }
    }

    @Override
    public void replace(String kb, String path, String sha256, List<Chunk> chunks) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                lock(connection, kb);
                delete(connection, kb, path);
                try (PreparedStatement document = connection.prepareStatement(
                        "insert into ai_kb_documents (kb, path, sha256, chunks) values (?, ?, ?, ?)")) {
                    document.setString(1, kb);
                    document.setString(2, path);
                    document.setString(3, sha256);
                    document.setInt(4, chunks.size());
                    document.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into ai_kb_chunks (kb, path, ordinal, text, embedding) values (?, ?, ?, ?, ?)")) {
                    for (Chunk chunk : chunks) {
                        Float[] boxed = new Float[chunk.vector().length];
                        for (int i = 0; i < boxed.length; i++) {
                            boxed[i] = chunk.vector()[i];
                        }
                        insert.setString(1, kb);
                        insert.setString(2, path);
                        insert.setInt(3, chunk.ordinal());
                        insert.setString(4, chunk.text());
                        insert.setArray(5, connection.createArrayOf("real", boxed));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("store " + path + " of", kb, e);
        }
    }

    @Override
    public void remove(String kb, String path) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                lock(connection, kb);
                delete(connection, kb, path);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("remove " + path + " from", kb, e);
        }
    }

    @Override
    public List<Chunk> chunks(String kb) {
        List<Chunk> chunks = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select path, ordinal, text, embedding from ai_kb_chunks where kb = ? order by path, ordinal")) {
            select.setString(1, kb);
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Array array = rows.getArray(4);
                    Object[] values = (Object[]) array.getArray();
                    float[] vector = new float[values.length];
                    for (int i = 0; i < values.length; i++) {
                        vector[i] = ((Number) values[i]).floatValue();
                    }
                    chunks.add(new Chunk(rows.getString(1), rows.getInt(2), rows.getString(3), vector));
                }
            }
            return chunks;
        } catch (SQLException e) {
            throw failure("read the passages of", kb, e);
        }
    }

    @Override
    public List<StoredDocument> storedUnder(String prefix) {
        List<StoredDocument> stored = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select d.kb, d.path, d.sha256, d.chunks,"
                        + " d.indexed_at, coalesce((select sum(octet_length(c.text)"
                        + " + 4 * coalesce(cardinality(c.embedding), 0)) from ai_kb_chunks c"
                        + " where c.kb = d.kb and c.path = d.path), 0)"
                        + " from ai_kb_documents d where starts_with(d.kb, ?) order by d.kb, d.path")) {
            select.setString(1, prefix);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(new StoredDocument(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getInt(4),
                            rows.getLong(6),
                            rows.getTimestamp(5).toInstant()));
                }
            }
            return stored;
        } catch (SQLException e) {
            throw failure("read the statistics of", prefix, e);
        }
    }

    /** Serialises the writers of one knowledge base across nodes. */
    private static void lock(Connection connection, String kb) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "ai_kb:" + kb);
            lock.execute();
        }
    }

    private static void delete(Connection connection, String kb, String path) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("delete from ai_kb_documents where kb = ? and path = ?")) {
            delete.setString(1, kb);
            delete.setString(2, path);
            delete.executeUpdate();
        }
    }

    private static IllegalStateException failure(String what, String kb, SQLException e) {
        return new IllegalStateException("cannot " + what + " the knowledge base " + kb + ": " + e.getMessage(), e);
    }
}
