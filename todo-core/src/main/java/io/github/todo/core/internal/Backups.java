package io.github.todo.core.internal;

import io.github.todo.core.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** {@link io.github.todo.core.TaskService#backup}: {@code VACUUM INTO}, checked, then renamed. */
final class Backups {

    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);

    private Backups() {
        // Prevent instantiation
    }

    static void backup(String name, Dialect dialect, DataSource reads, Path target) {
        if (dialect != Dialect.SQLITE) {
            throw new UnsupportedOperationException("backup copies SQLite stores only; back up PostgreSQL with pg_dump");
        }
        Path file = target.toAbsolutePath();
        if (Files.exists(file)) {
            throw new IllegalArgumentException(target + " exists: a backup is written to a new file");
        }
        // Written beside the target under another name, and renamed once checked: a file at the
        // target's name is always a whole, sound copy.
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        long started = System.nanoTime();
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(partial); // left by a backup that was killed: VACUUM INTO wants no file
            // A reading connection: in WAL mode it sees one snapshot while the writer goes on.
            try (Connection connection = reads.getConnection();
                 PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, partial.toString());
                vacuum.execute();
            }
            String verdict = integrityCheck(partial);
            if (!"ok".equals(verdict)) {
                throw new StoreException("the backup of " + name + " failed its integrity check: " + verdict);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("{} - backed up to {} in {} ms", name, file, (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw StoreErrors.wrap("cannot back up to " + target, e);
        }
    }

    /** {@code PRAGMA integrity_check} on {@code file}, opened read-only: "ok" or the first problems. */
    static String integrityCheck(Path file) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        SQLiteDataSource source = new SQLiteDataSource(readOnly);
        source.setUrl("jdbc:sqlite:" + file);
        try (Connection connection = source.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            StringBuilder verdict = new StringBuilder();
            while (rows.next()) {
                verdict.append(verdict.length() == 0 ? "" : "; ").append(rows.getString(1));
            }
            return verdict.toString();
        }
    }
}
