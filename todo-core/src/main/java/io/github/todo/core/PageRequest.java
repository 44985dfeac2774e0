package io.github.todo.core;

/**
 * Which page of tasks to list: at most {@code limit} tasks with an id greater than {@code after},
 * in id order, optionally only those whose done flag equals {@code done}. This is keyset paging:
 * pages stay stable and cheap however deep they go.
 *
 * @param limit how many tasks at most, from 1 to {@link #MAX_LIMIT}
 * @param after list tasks after this id; 0 starts at the beginning
 * @param done  only tasks with this done flag, or {@code null} for all
 */
public record PageRequest(int limit, long after, Boolean done) {

    /** The largest page a single request may ask for. */
    public static final int MAX_LIMIT = 1000;

    /** The page size used when a caller gives none. */
    public static final int DEFAULT_LIMIT = 100;

    /** Checks the bounds; a violation is the caller's mistake, reported as {@link InvalidTaskException}. */
    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidTaskException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (after < 0) {
            throw new InvalidTaskException("after", "must not be negative");
        }
    }

    /** The first page of all tasks, {@code limit} at most. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, 0, null);
    }

    /** The page after {@code afterId}, same size and filter. */
    public PageRequest next(long afterId) {
        return new PageRequest(limit, afterId, done);
    }
}
