package io.github.todo.core.internal.sqlite;

import io.github.todo.core.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's file, watched before each batch. A removed file is copied back when its folder is
 * there again (see {@link SingleWriter.Rescue}); until then a write would go to the removed file,
 * be acknowledged, and be lost at the next restart, since our descriptors still reach it. Writer
 * thread only, but for {@link #needsProbe()}.
 */
final class FileRescue implements FileGuard {

    private static final Logger LOG = LoggerFactory.getLogger(FileRescue.class);
    private static final long BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String name;
    private final Path file;
    private final SingleWriter.Rescue rescue;
    private final WriterConnection connection;
    private final DataVersionWatch watch;
    private long nextRescue = System.nanoTime();

    FileRescue(String name, Path file, SingleWriter.Rescue rescue, WriterConnection connection, DataVersionWatch watch) {
        this.name = name;
        this.file = file;
        this.rescue = rescue;
        this.connection = connection;
        this.watch = watch;
    }

    @Override
    public StoreException beforeBatch() {
        if (!Files.exists(file) && !(rescuable() && rescue())) {
            return new StoreException("cannot write: the database file " + file.getFileName() + " was removed");
        }
        if (!connection.isOpen() && !reopen()) {
            return new StoreException("cannot write: the database file " + file.getFileName() + " cannot be opened again");
        }
        return null;
    }

    @Override
    public boolean needsProbe() {
        boolean removed = !Files.exists(file);
        if (removed && !rescuable()) {
            throw new StoreException("the database file " + file.getFileName() + " was removed");
        }
        return removed;
    }

    private boolean rescuable() {
        Path folder = file.toAbsolutePath().getParent();
        return rescue.possible() && folder != null && Files.isDirectory(folder);
    }

    /**
     * Copies the removed file's data to its path and moves the store onto the copy. Copied under
     * another name and moved into place only once every old connection is closed: the last one to
     * close deletes {@code <file>-wal} and {@code -shm} by name, and nothing may use those names yet.
     */
    private boolean rescue() {
        if (!connection.isOpen()) {
            return reopen(); // a copy made earlier, not yet in place
        }
        if (System.nanoTime() - nextRescue < 0) {
            return false;
        }
        nextRescue = System.nanoTime() + BACKOFF_NANOS; // a failure does not stall every batch
        if (Files.exists(rescued())) {
            LOG.error("{} - the database file {} was removed, and {} is in the way of copying it back: move it aside",
                    name, file, rescued());
            return false;
        }
        if (!rescue.closeReaders()) {
            return false;
        }
        try {
            try {
                connection.copyTo(rescued());
            } catch (SQLException | RuntimeException e) {
                LOG.warn("{} - the database file was removed; copying it back to {} failed: {}", name, file, e.getMessage());
                deleteQuietly(rescued()); // ours, and incomplete
                connection.prepareAgain(); // the old session goes on until a later try
                return false;
            }
            connection.closeForMove(); // from here on the data is in the copy; reopen() moves it into place
            LOG.warn("{} - the database file {} was removed; its folder is back, so its data was copied there", name, file);
            return reopen();
        } finally {
            rescue.resumeReaders();
        }
    }

    private Path rescued() {
        return file.resolveSibling(file.getFileName() + ".rescued");
    }

    /** Moves a rescued copy into place if there is one, then opens the file again. */
    private boolean reopen() {
        if (!Files.exists(file)) {
            try {
                Files.move(rescued(), file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.error("{} - the data of {} is in {}, which cannot be moved there yet: {}", name, file, rescued(), e.getMessage());
                return false;
            }
        }
        SqlSession fresh = null;
        try {
            fresh = rescue.openSession();
            connection.reopen(fresh);
            watch.restart();
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{} - cannot open {} again: {}", name, file, e.getMessage());
            if (fresh != null) {
                fresh.close();
            }
            return false;
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", path, e.getMessage());
        }
    }
}
