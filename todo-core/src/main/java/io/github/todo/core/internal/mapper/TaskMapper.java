package io.github.todo.core.internal.mapper;

import io.github.todo.core.Task;
import java.util.List;
import org.apache.ibatis.cursor.Cursor;

/** The task statements; their SQL is in TaskMapper.xml. Parameters bind by name. */
public interface TaskMapper {

    Task insert(String name, boolean done);

    Task selectById(long id);

    List<Task> selectPage(long after, Boolean done, int limit);

    Cursor<Task> selectAll();

    Task update(long id, String name, boolean done);

    Task patch(long id, String name, Boolean done);

    int deleteById(long id);

    long count();

    int ping();
}
