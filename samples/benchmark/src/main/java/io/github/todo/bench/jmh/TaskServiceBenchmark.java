package io.github.todo.bench.jmh;

import io.github.todo.core.Task;
import io.github.todo.core.TaskDraft;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What todo-core's {@link TaskService} costs over plain JDBC on the same kind of SQLite file:
 * reading a task by id (the service; JDBC with one prepared statement reused; JDBC preparing it
 * every time) and creating a task from one thread (the service, which commits through its single
 * writer; JDBC in autocommit). Each side has its own file in a temporary folder, filled with the
 * same {@value #ROWS} tasks; the folder is deleted at tear-down.
 *
 * <p>Run: {@code java -jar samples/benchmark/target/todo-benchmark.jar jmh TaskServiceBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TaskServiceBenchmark {

    /** Tasks in each file before the benchmarks start; reads pick among them. */
    static final int ROWS = 10_000;

    private Path folder;
    private TaskService service;
    private long[] serviceIds;
    private Path jdbcFile;
    private long[] jdbcIds;

    /** Opens both stores and fills them with the same tasks. */
    @Setup(Level.Trial)
    public void open() throws IOException, SQLException {
        folder = Files.createTempDirectory("todo-jmh-");
        service = TaskService.open(TodoConfig.of(folder.resolve("service.db")));
        serviceIds = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            serviceIds[i] = service.create(TaskDraft.of("Task " + i)).id();
        }
        jdbcFile = folder.resolve("jdbc.db");
        jdbcIds = new long[ROWS];
        try (Connection connection = PlainJdbc.open(jdbcFile)) {
            PlainJdbc.createSchema(connection);
            connection.setAutoCommit(false); // one transaction: filling is not what is measured
            try (PreparedStatement insert = connection.prepareStatement(PlainJdbc.INSERT)) {
                for (int i = 0; i < ROWS; i++) {
                    jdbcIds[i] = PlainJdbc.insert(insert, "Task " + i).id();
                }
            }
            connection.commit();
        }
    }

    /** Closes the service and deletes the folder with both files and their WAL files. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        service.close();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Per thread: which task to read next. A fixed stride through the ids visits them all in a
     * scattered order at the cost of an addition, the same for every variant.
     */
    @State(Scope.Thread)
    public static class Cursor {
        private int index;

        int next() {
            index = (index + 7919) % ROWS;
            return index;
        }
    }

    /** Per thread: a JDBC connection of its own (connections are not shared across threads). */
    @State(Scope.Thread)
    public static class Jdbc {
        Connection connection;
        PreparedStatement select;
        PreparedStatement insert;

        /** Connects to the benchmark's JDBC file and prepares both statements once. */
        @Setup(Level.Trial)
        public void connect(TaskServiceBenchmark benchmark) throws SQLException {
            connection = PlainJdbc.open(benchmark.jdbcFile);
            select = connection.prepareStatement(PlainJdbc.SELECT_BY_ID);
            insert = connection.prepareStatement(PlainJdbc.INSERT);
        }

        /** Closes the statements and the connection before the folder is deleted. */
        @TearDown(Level.Trial)
        public void disconnect() throws SQLException {
            connection.close();
        }
    }

    /** Reads one task through {@link TaskService#find(long)}: pool, MyBatis session, mapping. */
    @Benchmark
    public Task readByIdService(Cursor cursor) {
        return service.find(serviceIds[cursor.next()]).orElseThrow();
    }

    /** Reads one task with a prepared statement kept for the whole run: the floor. */
    @Benchmark
    public Task readByIdJdbcReusedStatement(Jdbc jdbc, Cursor cursor) throws SQLException {
        return PlainJdbc.select(jdbc.select, jdbcIds[cursor.next()]);
    }

    /** Reads one task preparing the statement each time, as naive JDBC code does. */
    @Benchmark
    public Task readByIdJdbcPrepareEachTime(Jdbc jdbc, Cursor cursor) throws SQLException {
        try (PreparedStatement select = jdbc.connection.prepareStatement(PlainJdbc.SELECT_BY_ID)) {
            return PlainJdbc.select(select, jdbcIds[cursor.next()]);
        }
    }

    /** Creates one task through {@link TaskService#create(TaskDraft)}: queue, writer thread, commit. */
    @Benchmark
    @Threads(1)
    public Task createService() {
        return service.create(TaskDraft.of("Test Task"));
    }

    /** Creates one task with a reused prepared statement in autocommit: one transaction each. */
    @Benchmark
    @Threads(1)
    public Task createJdbcAutocommit(Jdbc jdbc) throws SQLException {
        return PlainJdbc.insert(jdbc.insert, "Test Task");
    }
}
