package io.github.todo.core.internal.sqlite;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * A SQLite data source that knows how many of its connections are open: counted down only once a
 * connection's close has returned, that is once SQLite is done with the file. HikariCP's own count
 * drops before the close it hands to another thread, which is too early for
 * {@link SingleWriter.Rescue#closeReaders()}.
 */
final class CountingDataSource extends SQLiteDataSource {

    private final String file;
    private final AtomicInteger open = new AtomicInteger();

    CountingDataSource(Path file, SQLiteConfig config) {
        super(config);
        this.file = file.toAbsolutePath().toString();
        setUrl("jdbc:sqlite:" + this.file);
    }

    /** Connections opened and not yet closed. */
    int open() {
        return open.get();
    }

    @Override
    public SQLiteConnection getConnection(String username, String password) throws SQLException {
        SQLiteConnection connection = new Counted(getUrl(), file, getConfig().toProperties());
        open.incrementAndGet();
        return connection;
    }

    private final class Counted extends JDBC4Connection {
        private boolean counted = true;

        Counted(String url, String file, java.util.Properties properties) throws SQLException {
            super(url, file, properties);
        }

        @Override
        public void close() throws SQLException {
            try {
                super.close();
            } finally {
                synchronized (this) {
                    if (counted) {
                        counted = false;
                        open.decrementAndGet();
                    }
                }
            }
        }
    }
}
