package io.github.todo.core.internal;

import io.github.todo.core.internal.mapper.TaskMapper;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.JdbcType;

/** Builds the MyBatis configuration once, in code: no mybatis-config.xml to get out of step. */
public final class Sessions {

    private Sessions() {
        // Prevent instantiation
    }

    /**
     * Starts reading the mapper on a thread of its own. Reading TaskMapper.xml costs about as long
     * as opening and migrating a SQLite file, and the two do not depend on each other: a store
     * whose dialect is known before it connects does both at once.
     */
    public static CompletableFuture<Configuration> mappingAhead(Dialect dialect) {
        CompletableFuture<Configuration> mapping = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                mapping.complete(mapping(dialect));
            } catch (RuntimeException | Error e) {
                mapping.completeExceptionally(e);
            }
        }, "todo-mapper-loader");
        thread.setDaemon(true);
        thread.start();
        return mapping;
    }

    /** The statements of TaskMapper.xml for {@code dialect}, not yet bound to a data source. */
    public static Configuration mapping(Dialect dialect) {
        Configuration configuration = new Configuration();
        // Set before the mapper loads, so that a statement with databaseId="postgresql" or
        // "sqlite" wins over the shared one of its name.
        configuration.setDatabaseId(dialect.databaseId());
        // Each statement reads the database afresh: the writer's session lives for the whole store.
        configuration.setLocalCacheScope(LocalCacheScope.STATEMENT);
        configuration.setCacheEnabled(false);
        configuration.setJdbcTypeForNull(JdbcType.NULL);
        configuration.addMapper(TaskMapper.class); // loads TaskMapper.xml beside it
        return configuration;
    }

    /** The mapping started by {@link #mappingAhead}, once it is read; its failure rethrown as it was. */
    public static Configuration await(CompletableFuture<Configuration> mapping) {
        try {
            return mapping.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    public static SqlSessionFactory factory(DataSource dataSource, Configuration mapping) {
        mapping.setEnvironment(new Environment("todo", new JdbcTransactionFactory(), dataSource));
        return new SqlSessionFactoryBuilder().build(mapping);
    }
}
