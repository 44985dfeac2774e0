package io.github.todo.core.internal;

import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * What differs per database, chosen once when the store opens ({@link Stores#open}): the
 * sessions reads run in, where writes go, what is kept in memory, and how it all closes. One
 * implementation per backend: {@code sqlite.SqliteStore} and {@code postgres.PostgresStore}.
 */
public interface Store {

    /** The name the store's threads and log lines carry, such as {@code todo[todo.db]}. */
    String name();

    /** Sessions on the read connections (on PostgreSQL, the connections for everything). */
    SqlSessionFactory sessions();

    Writes writes();

    /** Recently written tasks, or {@link ReadCache#OFF}. */
    ReadCache cache();

    /** Point reads on the caller's thread, or {@link QuickReads#OFF}. */
    QuickReads quickReads();

    /** The store's own pool, or {@link ReadPool#NONE}. */
    ReadPool readPool();

    /** A session whose cursor streams rows a few at a time instead of holding them all. */
    SqlSession streamingSession();

    /** Once the writes have stopped: closes what reads use, and then the writes. */
    void close();
}
