package io.github.todo.core.internal;

import static io.github.todo.core.internal.mapper.TaskMapper.ANY_VERSION;

import io.github.todo.core.ExpectedVersion;
import io.github.todo.core.Task;
import io.github.todo.core.TaskConflictException;
import io.github.todo.core.TaskDraft;
import io.github.todo.core.TaskNotFoundException;
import io.github.todo.core.TaskPatch;
import io.github.todo.core.TaskRules;
import io.github.todo.core.internal.mapper.TaskMapper;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Each task write, checked at once and shaped as the writer runs it (the work in the transaction,
 * then what follows its commit): the same whether the caller waits for it or not.
 */
final class TaskOperations {

    /** Rows a set operation changes in one write: a few milliseconds of the writer's time. */
    static final int SET_CHUNK = 1000;

    /** One write: its work in the transaction, and what follows the commit, on the writer thread in commit order. */
    record Op<T>(Function<TaskMapper, T> work, Consumer<? super T> afterCommit) {
    }

    private final TaskRules rules;
    private final ReadCache cache;

    TaskOperations(TaskRules rules, ReadCache cache) {
        this.rules = rules;
        this.cache = cache;
    }

    Op<Task> creating(TaskDraft draft) {
        rules.check(draft);
        return new Op<>(mapper -> mapper.insert(draft.name(), draft.done()), cache::put);
    }

    Op<Task> replacing(long id, TaskDraft draft, ExpectedVersion expected) {
        rules.checkId(id);
        rules.check(draft);
        long version = statementVersion(expected);
        return new Op<>(mapper -> changed(mapper, id, expected, mapper.update(id, draft.name(), draft.done(), version)), cache::put);
    }

    Op<Task> patching(long id, TaskPatch patch, ExpectedVersion expected) {
        rules.checkId(id);
        rules.check(patch);
        if (patch.name() == null && patch.done() == null) {
            // nothing to change: the task as the writer sees it, in order with the writes before
            return new Op<>(mapper -> {
                Task current = changed(mapper, id, ExpectedVersion.any(), mapper.selectById(id));
                if (!expected.matches(current.version())) {
                    throw new TaskConflictException(id, expected.version(), current.version());
                }
                return current;
            }, task -> { });
        }
        long version = statementVersion(expected);
        return new Op<>(mapper -> changed(mapper, id, expected, mapper.patch(id, patch.name(), patch.done(), version)), cache::put);
    }

    Op<Void> deleting(long id, ExpectedVersion expected) {
        rules.checkId(id);
        long version = statementVersion(expected);
        return new Op<>(mapper -> {
            if (mapper.deleteById(id, version) != 1) {
                changed(mapper, id, expected, null);
            }
            return null;
        }, deleted -> cache.remove(id));
    }

    /** Marks every task {@code done} through {@code write}, a chunk at a time; returns how many changed. */
    long markAll(boolean done, Function<Op<List<Task>>, List<Task>> write) {
        return chunked(after -> new Op<>(mapper -> mapper.markChunk(done, after, SET_CHUNK), rows -> rows.forEach(cache::refresh)),
                write, Task::id);
    }

    /** Deletes every task whose flag is {@code done} through {@code write}, a chunk at a time. */
    long deleteAll(boolean done, Function<Op<List<Long>>, List<Long>> write) {
        return chunked(after -> new Op<>(mapper -> mapper.deleteChunk(done, after, SET_CHUNK), ids -> ids.forEach(cache::remove)),
                write, Long::longValue);
    }

    /** Each chunk its own write, so single writes queued meanwhile wait for one chunk at most. */
    private static <R> long chunked(java.util.function.LongFunction<Op<List<R>>> chunk, Function<Op<List<R>>, List<R>> write,
                                    ToLongFunction<R> id) {
        long count = 0;
        long after = 0;
        while (true) {
            List<R> rows = write.apply(chunk.apply(after));
            count += rows.size();
            if (rows.size() < SET_CHUNK) {
                return count;
            }
            after = rows.stream().mapToLong(id).max().orElse(after);
        }
    }

    /**
     * The row a conditional statement changed, or why it changed none: the task is gone, or (asked
     * again in the same transaction) at another version than expected.
     */
    private static Task changed(TaskMapper mapper, long id, ExpectedVersion expected, Task row) {
        if (row != null) {
            return row;
        }
        if (!expected.isAny()) {
            Task current = mapper.selectById(id);
            if (current != null) {
                throw new TaskConflictException(id, expected.version(), current.version());
            }
        }
        throw new TaskNotFoundException(id);
    }

    /** The mapper's form of {@code expected}: its version, or {@link TaskMapper#ANY_VERSION}. */
    private static long statementVersion(ExpectedVersion expected) {
        return expected.isAny() ? ANY_VERSION : expected.version();
    }
}
