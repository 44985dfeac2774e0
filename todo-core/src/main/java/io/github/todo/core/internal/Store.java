package io.github.todo.core.internal;

import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * What differs per database, chosen once when the store opens ({@link Stores#open}): the
 * sessions reads run in, where writes go, what is kept in memory, and how it all closes. One
 * subclass per backend: {@code sqlite.SqliteStore} and {@code postgres.PostgresStore}.
 */
public abstract class Store {

    private final String name;
    private final SqlSessionFactory sessions;
    private final StoreWriter writes;
    private final ReadCache cache;
    private final QuickReads quickReads;
    private final ReadPool readPool;

    protected Store(String name, SqlSessionFactory sessions, StoreWriter writes, ReadCache cache, QuickReads quickReads,
                    ReadPool readPool) {
        this.name = name;
        this.sessions = sessions;
        this.writes = writes;
        this.cache = cache;
        this.quickReads = quickReads;
        this.readPool = readPool;
    }

    /** The name the store's threads and log lines carry, such as {@code todo[todo.db]}. */
    public final String name() {
        return name;
    }

    /** Sessions on the read connections (on PostgreSQL, the connections for everything). */
    public final SqlSessionFactory sessions() {
        return sessions;
    }

    /** Where writes go. */
    public final StoreWriter writes() {
        return writes;
    }

    /** Recently written tasks, or {@link ReadCache#OFF}. */
    public final ReadCache cache() {
        return cache;
    }

    /** Point reads on the caller's thread, or {@link QuickReads#OFF}. */
    public final QuickReads quickReads() {
        return quickReads;
    }

    /** The store's own pool, or {@link ReadPool#NONE}. */
    public final ReadPool readPool() {
        return readPool;
    }

    /** Which database this is, for the few statements written per backend (backup, import). */
    public abstract Dialect dialect();

    /**
     * A connection of its own that may write, beside the store's writes, for bulk work (an
     * import); the caller closes it. On SQLite the readers' connections may not, so not one of theirs.
     */
    public abstract java.sql.Connection writableConnection() throws java.sql.SQLException;

    /** A session whose cursor streams rows a few at a time instead of holding them all. */
    public abstract SqlSession streamingSession();

    /** Once the writes have stopped: closes what reads use, and then the writes. */
    public abstract void close();
}
