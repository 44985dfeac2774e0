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

    static SqlSessionFactory factory(DataSource dataSource) {
        Configuration configuration = new Configuration(new Environment("todo", new JdbcTransactionFactory(), dataSource));
        // Each statement reads the database afresh: the writer's session lives for the whole store.
        configuration.setLocalCacheScope(LocalCacheScope.STATEMENT);
        configuration.setCacheEnabled(false);
        configuration.setJdbcTypeForNull(JdbcType.NULL);
        configuration.addMapper(TaskMapper.class); // loads TaskMapper.xml beside it
        return new SqlSessionFactoryBuilder().build(configuration);
    }
}
