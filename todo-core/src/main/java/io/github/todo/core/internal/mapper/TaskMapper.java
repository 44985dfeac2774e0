package io.github.todo.core.internal.mapper;

import io.github.todo.core.Task;
import io.github.todo.core.TaskCounts;
import java.util.List;
import org.apache.ibatis.cursor.Cursor;

/** The task statements; their SQL is in TaskMapper.xml. Parameters bind by name. */
public interface TaskMapper {

    /** An {@code expected} version that any version matches: the write is unconditional. */
    long ANY_VERSION = 0;

    Task insert(String name, boolean done);

    Task selectById(long id);

    List<Task> selectPage(long after, Boolean done, int limit);

    Cursor<Task> selectAll();

    /** {@code expected}: the version the task must be at, or {@link #ANY_VERSION}. */
    Task update(long id, String name, boolean done, long expected);

    /** {@code expected}: the version the task must be at, or {@link #ANY_VERSION}. */
    Task patch(long id, String name, Boolean done, long expected);

    /** {@code expected}: the version the task must be at, or {@link #ANY_VERSION}. */
    int deleteById(long id, long expected);

    long count();

    TaskCounts counts();

    /** Marks up to {@code limit} tasks after id {@code after} whose done flag differs; returns them as changed. */
    List<Task> markChunk(boolean done, long after, int limit);

    /** Deletes up to {@code limit} tasks after id {@code after} whose done flag is {@code done}; returns their ids. */
    List<Long> deleteChunk(boolean done, long after, int limit);

    int ping();
}
