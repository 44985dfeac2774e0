package io.github.todo.core.internal.sqlite;

import io.github.todo.core.Task;
import io.github.todo.core.internal.Closeables;
import io.github.todo.core.internal.QuickReads;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.ibatis.session.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads of one task by id on the caller's own thread, for an event loop that must not wait: a few
 * reading connections of their own, each with its statement kept prepared, taken without waiting.
 * A point read from SQLite's page cache costs a few microseconds; handing it to a read thread and
 * the answer back to the event loop costs more than the read (two wake-ups, and the event loop's
 * interest in the connection switched off and on again).
 *
 * <p>Never waits long: when every connection is in use, when reads have been slow (their moving
 * average over the last few dozen passed {@value #SLOW_MICROS} µs: a disk that seeks, not the page
 * cache) or one failed, or while the store moves to a new file, {@link #tryFind} declines and the
 * caller reads on the store's read threads instead, for a second before it tries again. An average,
 * not a single read: on a busy machine a read of a few microseconds now and then takes milliseconds
 * because its thread was descheduled, which says nothing about the disk (one read of 16 ms or more
 * does move the average past the limit). A read that finds the database busy declines at once
 * (these connections do not wait for locks), and the read threads, which do, take it.
 */
final class SqliteQuickReads implements QuickReads {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteQuickReads.class);
    static final long SLOW_MICROS = 500;
    private static final long SLOW_NANOS = TimeUnit.MICROSECONDS.toNanos(SLOW_MICROS);
    /** Each read moves the average 1/32 of the way: about the last 32 reads count. */
    private static final int AVERAGE_SHIFT = 5;
    private static final long BACK_OFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final DataSource files;
    private final Configuration configuration;
    private final int size;
    private final ArrayBlockingQueue<Reader> idle;
    private final AtomicInteger open = new AtomicInteger();
    private volatile long quickAgainAt = System.nanoTime();
    /** The moving average of a read's time; updated without a lock, so roughly: that is enough. */
    private volatile long averageNanos;
    private volatile boolean held;

    /** One reading connection and its kept statement, used by one thread at a time. */
    private record Reader(Connection connection, KeptStatements statements) {
    }

    SqliteQuickReads(String name, DataSource files, Configuration configuration, int size) {
        this.name = name;
        this.files = files;
        this.configuration = configuration;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(Math.max(1, size));
    }

    /**
     * Reads task {@code id} now, on this thread, or declines when that could wait (see the class
     * comment), and the caller should read elsewhere.
     */
    @Override
    public Attempt tryFind(long id) {
        if (held || System.nanoTime() - quickAgainAt < 0) {
            return Attempt.DECLINED;
        }
        long started = System.nanoTime(); // before take(): opening a connection counts too
        Reader reader = take();
        if (reader == null) {
            return Attempt.DECLINED;
        }
        try {
            Task row = reader.statements().selectById(id);
            long average = averageNanos;
            average += (System.nanoTime() - started - average) >> AVERAGE_SHIFT;
            averageNanos = average;
            if (average > SLOW_NANOS) {
                slow("reads took " + TimeUnit.NANOSECONDS.toMicros(average) + " µs on average");
            }
            release(reader);
            return Attempt.read(row);
        } catch (RuntimeException e) {
            slow("a read failed: " + e.getMessage());
            discard(reader); // it may be broken; a read thread retries and reports the failure
            return Attempt.DECLINED;
        }
    }

    private void slow(String why) {
        LOG.debug("{} - {}: reads leave the caller's thread for a second", name, why);
        quickAgainAt = System.nanoTime() + BACK_OFF_NANOS;
        averageNanos = 0; // a fresh start when the second is over
    }

    private Reader take() {
        Reader reader = idle.poll();
        if (reader != null) {
            return reader;
        }
        int opened = open.get();
        while (opened < size) {
            if (open.compareAndSet(opened, opened + 1)) {
                return connect();
            }
            opened = open.get();
        }
        return null;
    }

    private Reader connect() {
        Connection connection = null;
        try {
            connection = files.getConnection();
            try (Statement settings = connection.createStatement()) {
                // A WAL reader is busy only in rare cases (recovery, another process's exclusive
                // lock); then decline at once instead of sleeping on the I/O thread.
                settings.execute("PRAGMA busy_timeout = 0");
            }
            return new Reader(connection, KeptStatements.reading(connection, configuration));
        } catch (SQLException | RuntimeException e) {
            open.decrementAndGet();
            Closeables.closeQuietly(connection);
            slow("cannot open a reading connection: " + e.getMessage());
            return null;
        }
    }

    private void release(Reader reader) {
        if (held || !idle.offer(reader)) {
            discard(reader);
        } else if (held && idle.remove(reader)) {
            discard(reader); // held while we offered it: closeAll() may have drained the queue already
        }
    }

    private void discard(Reader reader) {
        reader.statements().close();
        Closeables.closeQuietly(reader.connection());
        open.decrementAndGet();
    }

    /**
     * Closes every idle connection and those in use as they come back, and declines reads until
     * {@link #resume()}: the store is moving to a new file.
     */
    void hold() {
        held = true;
        for (Reader reader; (reader = idle.poll()) != null; ) {
            discard(reader);
        }
    }

    /** Reads may open connections again, to the file now at the path. */
    void resume() {
        held = false;
    }

    @Override
    public void close() {
        hold();
    }
}
