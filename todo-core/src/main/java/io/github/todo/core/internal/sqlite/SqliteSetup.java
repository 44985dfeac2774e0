package io.github.todo.core.internal.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.todo.core.IncompatibleStoreException;
import io.github.todo.core.StoreException;
import io.github.todo.core.TodoConfig;
import io.github.todo.core.internal.Migrations;
import io.github.todo.core.internal.StoreErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;
import org.sqlite.SQLiteDataSource;

/** Everything SQLite-specific about opening a database file. */
final class SqliteSetup {

    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteSetup() {
        // Prevent instantiation
    }

    /**
     * Refuses a file that cannot hold our tasks before anything writes to it: not a SQLite
     * database, or a schema newer than this code knows. Creates missing parent folders.
     */
    static void preflight(Path file, int busyTimeoutMillis) {
        try {
            if (Files.isDirectory(file)) {
                throw new IncompatibleStoreException(file + " is a directory, not a database file");
            }
            if (Files.exists(file)) {
                checkHeader(file);
            } else if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        if (Files.exists(file)) {
            SQLiteConfig plain = new SQLiteConfig();
            plain.setBusyTimeout(busyTimeoutMillis);
            // A plain connection that sets no journal mode, so a refused file stays as it was.
            try (Connection connection = dataSource(file, plain).getConnection()) {
                Migrations.checkNotNewer(connection, file);
            } catch (SQLException e) {
                throw StoreErrors.isNotADatabase(e) ? StoreErrors.notADatabase(file, e)
                        : new StoreException("cannot open " + file, e);
            }
        }
    }

    /**
     * A data source whose every connection runs in WAL mode with the configured settings; for the
     * writer's first connection, the only one that may create the file.
     */
    static SQLiteDataSource dataSource(TodoConfig config) {
        return dataSource(config.databaseFile(), settings(config, true));
    }

    /**
     * As {@link #dataSource(TodoConfig)}, but its connections never create the file, and are
     * counted: for the readers, which reconnect on their own (one that opened a missing file would
     * make an empty database where a removed one was), and for the writer's reopening.
     */
    static CountingDataSource existingFile(TodoConfig config) {
        return new CountingDataSource(config.databaseFile(), settings(config, false));
    }

    private static SQLiteConfig settings(TodoConfig config, boolean mayCreate) {
        SQLiteConfig sqlite = new SQLiteConfig();
        if (!mayCreate) {
            sqlite.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(config.synchronous().name()));
        sqlite.setBusyTimeout((int) config.busyTimeout().toMillis());
        sqlite.enforceForeignKeys(true);
        return sqlite;
    }

    /** The pool of reading connections; suspendable, so that a rescue can hold reads ({@link ReaderHold}). */
    static HikariDataSource readPool(String name, DataSource sqlite, TodoConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name + "-reads");
        hikari.setDataSource(sqlite);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(config.poolSize());
        hikari.setConnectionTimeout(Math.max(250, config.busyTimeout().toMillis()));
        hikari.setAllowPoolSuspension(true); // held while a removed file is copied back
        return new HikariDataSource(hikari);
    }

    /** Folds the write-ahead log back into the database file and truncates it. */
    static void checkpoint(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    private static SQLiteDataSource dataSource(Path file, SQLiteConfig config) {
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return dataSource;
    }

    private static void checkHeader(Path file) throws IOException {
        if (Files.size(file) == 0) {
            return; // an empty file is a new database to SQLite
        }
        byte[] start = new byte[HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, start.length);
        }
        if (read < HEADER.length || !Arrays.equals(start, HEADER)) {
            throw StoreErrors.notADatabase(file, null);
        }
    }
}
