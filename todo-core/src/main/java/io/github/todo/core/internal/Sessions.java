package io.github.todo.core.internal;

import io.github.todo.core.internal.mapper.TaskMapper;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.JdbcType;

/** Builds the MyBatis configuration once, in code: no mybatis-config.xml to get out of step. */
final class Sessions {

    private Sessions() {
        // Prevent instantiation
    }

    static SqlSessionFactory factory(DataSource dataSource, Dialect dialect) {
        Configuration configuration = new Configuration(new Environment("todo", new JdbcTransactionFactory(), dataSource));
        // Known from the connection we migrated with; set before the mapper loads, so that a
        // statement with databaseId="postgresql" or "sqlite" wins over the shared one of its name.
        configuration.setDatabaseId(dialect.databaseId());
        // Each statement reads the database afresh: the writer's session lives for the whole store.
        configuration.setLocalCacheScope(LocalCacheScope.STATEMENT);
        configuration.setCacheEnabled(false);
        configuration.setJdbcTypeForNull(JdbcType.NULL);
        configuration.addMapper(TaskMapper.class); // loads TaskMapper.xml beside it
        return new SqlSessionFactoryBuilder().build(configuration);
    }
}
