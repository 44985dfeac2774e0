package io.github.todo.core.internal.sqlite;

import static io.github.todo.core.internal.mapper.TaskMapper.ANY_VERSION;

import io.github.todo.core.Task;
import io.github.todo.core.TaskCounts;
import io.github.todo.core.internal.mapper.TaskMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.session.Configuration;

/**
 * The per-task statements (insert, select, update, patch, delete by id) over one connection,
 * prepared once and kept for the connection's life; every other statement goes to
 * {@code others}, the MyBatis mapper. The SQL is MyBatis' own, from {@code TaskMapper.xml}, so it
 * is written once; only the binding is by hand. Measured on SQLite, a point statement through
 * MyBatis costs about twice the database work itself (result-set metadata, reflection, a
 * {@code getColumnType} regex per column), and these run once for every request.
 *
 * <p>Confined to one thread at a time, as a JDBC connection is. A failure is thrown as a
 * {@link KeptStatementException}, which the store treats as it treats MyBatis' own.
 */
final class KeptStatements implements TaskMapper, AutoCloseable {

    private final TaskMapper others;
    private final Bound insert;
    private final Bound selectById;
    private final Bound update;
    private final Bound patch;
    private final Bound deleteById;
    private final List<Bound> all = new ArrayList<>(5);
    private static final String[] TASK_COLUMNS = {"id", "name", "done", "version"};

    KeptStatements(Connection connection, Configuration configuration, TaskMapper others) throws SQLException {
        this.others = others;
        try {
            this.insert = prepare(connection, configuration, "insert");
            this.selectById = prepare(connection, configuration, "selectById");
            this.update = prepare(connection, configuration, "update");
            this.patch = prepare(connection, configuration, "patch");
            this.deleteById = prepare(connection, configuration, "deleteById");
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** For a reading connection, which uses only {@link #selectById} (the others are prepared but idle). */
    static KeptStatements reading(Connection connection, Configuration configuration) throws SQLException {
        return new KeptStatements(connection, configuration, null);
    }

    /** One kept statement and the order its parameters bind in. */
    private record Bound(PreparedStatement statement, String[] parameters) {
    }

    private Bound prepare(Connection connection, Configuration configuration, String id) throws SQLException {
        MappedStatement mapped = configuration.getMappedStatement(TaskMapper.class.getName() + "." + id);
        // The statements are static SQL (no <if>): any parameter object yields the one text.
        Map<String, Object> sample = new HashMap<>();
        sample.put("id", 1L);
        sample.put("name", "");
        sample.put("done", false);
        sample.put("expected", ANY_VERSION);
        BoundSql sql = mapped.getBoundSql(sample);
        List<ParameterMapping> mappings = sql.getParameterMappings();
        String[] parameters = new String[mappings.size()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = mappings.get(i).getProperty();
        }
        PreparedStatement statement = connection.prepareStatement(sql.getSql());
        Bound bound = new Bound(statement, parameters);
        all.add(bound);
        if (mapped.getSqlCommandType() == SqlCommandType.SELECT) { // the ones that return a task
            ResultSetMetaData columns = statement.getMetaData();
            for (int i = 0; i < TASK_COLUMNS.length; i++) {
                if (!TASK_COLUMNS[i].equalsIgnoreCase(columns.getColumnLabel(i + 1))) {
                    throw new IllegalStateException("TaskMapper.xml's " + id + " must return id, name, done, version in this order");
                }
            }
        }
        return bound;
    }

    @Override
    public Task insert(String name, boolean done) {
        return queryOne(insert, 0, name, done, ANY_VERSION);
    }

    @Override
    public Task selectById(long id) {
        return queryOne(selectById, id, null, null, ANY_VERSION);
    }

    @Override
    public Task update(long id, String name, boolean done, long expected) {
        return queryOne(update, id, name, done, expected);
    }

    @Override
    public Task patch(long id, String name, Boolean done, long expected) {
        return queryOne(patch, id, name, done, expected);
    }

    @Override
    public int deleteById(long id, long expected) {
        try {
            bind(deleteById, id, null, null, expected);
            return deleteById.statement().executeUpdate();
        } catch (SQLException e) {
            throw new KeptStatementException("deleteById", e);
        }
    }

    private static Task queryOne(Bound bound, long id, String name, Boolean done, long expected) {
        try {
            bind(bound, id, name, done, expected);
            try (ResultSet row = bound.statement().executeQuery()) {
                // by position, checked once in prepare(): by name the driver looks each column's name up per query
                return row.next() ? new Task(row.getLong(1), row.getString(2), row.getBoolean(3), row.getLong(4)) : null;
            }
        } catch (SQLException e) {
            throw new KeptStatementException(bound.parameters().length == 1 ? "selectById" : "write", e);
        }
    }

    private static void bind(Bound bound, long id, String name, Boolean done, long expected) throws SQLException {
        PreparedStatement statement = bound.statement();
        String[] parameters = bound.parameters();
        for (int i = 0; i < parameters.length; i++) {
            switch (parameters[i]) {
                case "id" -> statement.setLong(i + 1, id);
                case "name" -> statement.setString(i + 1, name); // null binds NULL (COALESCE keeps the old)
                case "done" -> statement.setObject(i + 1, done);
                case "expected" -> statement.setLong(i + 1, expected);
                default -> throw new IllegalStateException("TaskMapper.xml binds an unknown parameter: " + parameters[i]);
            }
        }
    }

    @Override
    public List<Task> selectPage(long after, Boolean done, int limit) {
        return others.selectPage(after, done, limit);
    }

    @Override
    public Cursor<Task> selectAll() {
        return others.selectAll();
    }

    @Override
    public long count() {
        return others.count();
    }

    @Override
    public TaskCounts counts() {
        return others.counts();
    }

    @Override
    public List<Task> markChunk(boolean done, long after, int limit) {
        return others.markChunk(done, after, limit);
    }

    @Override
    public List<Long> deleteChunk(boolean done, long after, int limit) {
        return others.deleteChunk(done, after, limit);
    }

    @Override
    public int ping() {
        return others.ping();
    }

    /** Closes the kept statements; the connection stays open. */
    @Override
    public void close() {
        for (Bound bound : all) {
            try {
                bound.statement().close();
            } catch (SQLException e) {
                // the connection is going away too, or already gone
            }
        }
        all.clear();
    }

    /** A kept statement failed; the cause is the driver's {@link SQLException}. */
    static final class KeptStatementException extends RuntimeException {
        KeptStatementException(String statement, SQLException cause) {
            super(statement + " failed: " + cause.getMessage(), cause);
        }
    }
}
